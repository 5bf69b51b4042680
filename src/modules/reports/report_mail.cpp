#include "modules/reports/report_mail.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "platform/tenants/city.hpp"
#include "shared/mail.hpp"

namespace mosaik::modules::reports {

namespace {

std::string report_link(const tenants::City& city, const Report& report, std::string_view origin) {
  return fmt::format("{}/{}/reports/{}", origin, city.slug, report.id);
}

const Text& category_title(const ReportsSettings& settings, const Report& report) {
  static const Text kUnknown{"Meldung", "Report"};
  const Category* c = settings.category(report.category);
  return c ? c->title : kUnknown;
}

}  // namespace

// The reporter's e-mail in one language: fmt patterns filled by status_mail.
struct StatusMailText {
  std::string_view subject;    // id, category, status
  std::string_view opening;    // id, category, city, status
  std::string_view answer;     // the public answer
  std::string_view forwarded;  // the authority
  std::string_view closing;    // link, retention days
};

constexpr StatusMailText kStatusMailDe{
    "Ihre Meldung #{} ({}): {}",
    "Guten Tag,\n\nder Stand Ihrer Meldung #{} ({}) an {} ist jetzt: {}.\n",
    "\nAntwort der Stadt:\n{}\n", "\nWeitergeleitet an: {}\n",
    "\nIhre Meldung verfolgen: {}\n\nSie erhalten diese Nachricht, weil Sie bei der Meldung Ihre "
    "E-Mail-Adresse angegeben haben. Unter \"Meine Meldungen\" in der App können Sie sie jederzeit "
    "löschen; {} Tage nach Abschluss der Meldung wird sie automatisch gelöscht.\n"};

constexpr StatusMailText kStatusMailEn{
    "Your report #{} ({}): {}", "Hello,\n\nthe status of your report #{} ({}) to {} is now: {}.\n",
    "\nThe city's answer:\n{}\n", "\nIt was passed on to: {}\n",
    "\nFollow your report: {}\n\nYou receive this message because you gave your e-mail address "
    "with the report. Under \"My reports\" in the app you can delete it at any time; it is deleted "
    "automatically {} days after the report is closed.\n"};

OutgoingMail status_mail(const tenants::City& city, const ReportsSettings& settings,
                         const Report& report, const std::string& to, std::string_view origin) {
  bool en = report.locale == "en";
  const auto& text = en ? kStatusMailEn : kStatusMailDe;
  auto status_text = status_label(report.status);
  const auto& title_text = category_title(settings, report);
  const auto& status = en ? status_text.en : status_text.de;
  const auto& title = en ? title_text.en : title_text.de;
  OutgoingMail m;
  m.city_id = city.id;
  m.report_id = report.id;
  m.to = to;
  m.subject = fmt::format(fmt::runtime(text.subject), report.id, title, status);
  m.body = fmt::format(fmt::runtime(text.opening), report.id, title, city.name, status);
  if (!report.public_answer.empty())
    m.body += fmt::format(fmt::runtime(text.answer), report.public_answer);
  if (report.status == Status::forwarded)
    m.body += fmt::format(fmt::runtime(text.forwarded), report.forwarded_to);
  m.body += fmt::format(fmt::runtime(text.closing), report_link(city, report, origin),
                        settings.retention_days);
  return m;
}

OutgoingMail department_notice(const tenants::City& city, const ReportsSettings& settings,
                               const Report& report, const std::string& to,
                               std::string_view origin) {
  OutgoingMail m;
  m.city_id = city.id;
  m.report_id = report.id;
  m.to = to;
  const auto& title = category_title(settings, report);
  m.subject = fmt::format("Neue Meldung #{}: {}", report.id, title.de);
  m.body =
      fmt::format("Neue Meldung #{} ({}) in {}.\n\n{}\n\nOrt: {}\n\nKonsole: {}/console\n",
                  report.id, title.de, city.name, report.description,
                  report.address.empty() && report.position
                      ? fmt::format("{:.5f}, {:.5f}", report.position->lat, report.position->lon)
                      : report.address,
                  origin);
  return m;
}

std::int64_t retry_delay_ms(int attempts) noexcept {
  static constexpr std::int64_t kMinutes[] = {1, 5, 15, 60};
  std::int64_t minutes = attempts < 4 ? kMinutes[attempts] : 240;
  return minutes * 60'000;
}

Result<std::size_t> send_due_mail(storage::Store& store, const MailConfig& mail, std::int64_t now) {
  if (mail.smtp_url.empty()) return std::size_t{0};
  auto due = store.read([&](storage::Transaction& tx) { return due_mail(tx, now, 50); });
  if (!due) return due.error();
  std::size_t sent = 0;
  for (const auto& m : *due) {
    auto claimed = store.write(
        [&](storage::Transaction& tx) { return claim_mail(tx, m.id, now, now + 10 * 60'000); });
    if (!claimed) return claimed.error();
    if (!*claimed) continue;
    auto result = shared::send_mail(mail, {m.to, m.subject, m.body, ""});
    std::optional<std::int64_t> next;
    if (!result && m.attempts + 1 < static_cast<int>(mail.max_attempts))
      next = now + retry_delay_ms(m.attempts);
    auto marked = store.write([&](storage::Transaction& tx) {
      if (result)
        mark_mail_sent(tx, m.id, now);
      else
        mark_mail_failed(tx, m.id, result.error().detail(), next);
    });
    if (!marked) return marked.error();
    if (result) {
      ++sent;
    } else {
      spdlog::warn("reports: mail {} of report {} failed (attempt {}): {}", m.id, m.report_id,
                   m.attempts + 1, result.error().detail());
    }
  }
  return sent;
}

}  // namespace mosaik::modules::reports
