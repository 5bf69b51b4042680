#include "modules/reports/report.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>

#include "core/json_reader.hpp"
#include "platform/tenants/city.hpp"
#include "shared/internet_time.hpp"

namespace mosaik::modules::reports {

namespace {

constexpr std::size_t kMaxPhotos = 3;

bool valid_submission_id(std::string_view s) {
  return s.size() >= 16 && s.size() <= 64 && std::all_of(s.begin(), s.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-';
         });
}

bool valid_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  auto ymd = std::chrono::year(std::stoi(std::string(s.substr(0, 4)))) /
             std::chrono::month(static_cast<unsigned>(std::stoi(std::string(s.substr(5, 2))))) /
             std::chrono::day(static_cast<unsigned>(std::stoi(std::string(s.substr(8, 2)))));
  return ymd.ok();
}

std::optional<std::string> decode_base64(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), "\r\n", &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

json::object text_json(const Text& t) {
  return {{"de", t.de}, {"en", t.en}};
}

json::value time_or_null(const std::optional<std::int64_t>& ms, const tenants::City& city) {
  return ms ? json::value(format_time(*ms, city)) : json::value(nullptr);
}

json::array photos_json(const Report& report, const tenants::City& city, bool staff) {
  json::array out;
  for (const auto& p : report.photos) {
    if (p.hidden && !staff) continue;
    auto base = fmt::format("/api/v1/cities/{}/reports/{}{}/photos/{}", city.slug,
                            staff ? "cases/" : "", report.id, p.position);
    json::object photo{{"position", p.position},
                       {"url", base},
                       {"thumbnail_url", base + "/thumbnail"},
                       {"width", p.width},
                       {"height", p.height}};
    if (staff) photo["hidden"] = p.hidden;
    out.push_back(std::move(photo));
  }
  return out;
}

json::array history_json(const Report& report, const tenants::City& city, bool staff) {
  json::array out;
  for (const auto& h : report.history) {
    if (h.internal && !staff) continue;
    // The public sees what the citizen must know: status changes and answers.
    if (!staff && h.kind != "created" && h.kind != "status" && h.kind != "answer") continue;
    json::object entry{{"at", format_time(h.at, city)},
                       {"kind", h.kind},
                       {"status", h.status ? json::value(to_string(*h.status)) : nullptr},
                       {"text", h.text}};
    if (staff) {
      entry["internal"] = h.internal;
      entry["actor"] = h.actor;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace

std::string_view to_string(Status status) noexcept {
  switch (status) {
    case Status::in_progress:
      return "in_progress";
    case Status::done:
      return "done";
    case Status::rejected:
      return "rejected";
    case Status::forwarded:
      return "forwarded";
    case Status::duplicate:
      return "duplicate";
    case Status::received:
      break;
  }
  return "received";
}

std::optional<Status> parse_status(std::string_view text) noexcept {
  for (auto s : {Status::received, Status::in_progress, Status::done, Status::rejected,
                 Status::forwarded, Status::duplicate})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

bool is_open(Status status) noexcept {
  return status == Status::received || status == Status::in_progress;
}

Text status_label(Status status) {
  switch (status) {
    case Status::in_progress:
      return {"In Bearbeitung", "In progress"};
    case Status::done:
      return {"Erledigt", "Done"};
    case Status::rejected:
      return {"Abgelehnt", "Rejected"};
    case Status::forwarded:
      return {"Weitergeleitet", "Forwarded"};
    case Status::duplicate:
      return {"Bereits gemeldet", "Duplicate"};
    case Status::received:
      break;
  }
  return {"Eingegangen", "Received"};
}

bool plausible_email(std::string_view text) noexcept {
  auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || at != text.rfind('@') || text.size() > 254)
    return false;
  auto domain = text.substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.')
    return false;
  return std::none_of(text.begin(), text.end(), [](char c) {
    return static_cast<unsigned char>(c) <= ' ' || c == '<' || c == '>' || c == ',' || c == ';' ||
           c == '"' || c == '(' || c == ')' || c == '\\';
  });
}

Result<Submission> read_submission(const json::object& body, const tenants::City& city,
                                   const ReportsSettings& settings, std::size_t max_photo_bytes) {
  if (auto* honeypot = body.if_contains("website");
      honeypot && !(honeypot->is_string() && honeypot->as_string().empty()) && !honeypot->is_null())
    return Error(Errc::bad_request, "The report could not be accepted", "website");
  auto read = read_strictly<Submission>([&] {
    JsonReader r(body);
    r.text("website", 200, "");
    Submission s;
    s.submission_id = r.text("submission_id", 64);
    if (!valid_submission_id(s.submission_id))
      r.fail("submission_id", "must be 16-64 characters of A-Z, a-z, 0-9 and '-'");
    s.category = r.text("category", 40);
    bool has_lat = body.contains("lat") && !body.at("lat").is_null();
    bool has_lon = body.contains("lon") && !body.at("lon").is_null();
    if (has_lat != has_lon) r.fail(has_lat ? "lon" : "lat", "lat and lon come together");
    if (has_lat)
      s.position = Position{r.number("lat", -90, 90), r.number("lon", -180, 180)};
    else {
      r.text("lat", 0, "");  // mark as read (null)
      r.text("lon", 0, "");
    }
    s.address = r.text("address", 200, "");
    s.description = r.text("description", 2000);
    if (s.description.find_first_not_of(" \t\r\n") == std::string::npos)
      r.fail("description", "must not be empty");
    if (const json::object* attributes = r.object("attributes", false)) s.attributes = *attributes;
    if (const json::array* photos = r.array("photos", false, kMaxPhotos)) {
      for (std::size_t i = 0; i < photos->size(); ++i) {
        auto key = fmt::format("photos[{}]", i);
        if (!(*photos)[i].is_string()) r.fail(key, "must be a base64 string");
        auto text = (*photos)[i].as_string();
        if (text.size() / 4 * 3 > max_photo_bytes + 3)
          r.fail(key, fmt::format("a photo may have at most {} bytes", max_photo_bytes));
        auto bytes = decode_base64(std::string_view(text.data(), text.size()));
        if (!bytes || bytes->empty()) r.fail(key, "must be base64 (standard alphabet)");
        s.photos.push_back(std::move(*bytes));
      }
    }
    auto email = r.text("email", 254, "");
    if (!email.empty()) {
      if (!plausible_email(email)) r.fail("email", "must be an e-mail address");
      s.email = email;
    }
    s.locale = r.text("locale", 2, "de");
    if (s.locale != "de" && s.locale != "en") r.fail("locale", "must be de or en");
    r.finish();
    return s;
  });
  if (!read) return read.error();
  if (auto checked = check_submission(*read, city, settings); !checked) return checked.error();
  return read;
}

Result<void> check_submission(Submission& s, const tenants::City& city,
                              const ReportsSettings& settings) {
  const Category* category = settings.category(s.category);
  if (!category)
    return validation_error("category",
                            fmt::format("'{}' is not a category of {}", s.category, city.name));
  if (s.position) {
    if (!city.bounds.contains({s.position->lat, s.position->lon}))
      return validation_error("lat", fmt::format("The position is outside {}", city.name));
  } else if (category->location_required && s.address.empty()) {
    return validation_error("lat",
                            "This category needs the position of the defect (or its address)");
  }
  if (!is_clean_utf8(s.description) || !is_clean_utf8(s.address))
    return validation_error("description", "must be UTF-8 text");
  json::object normalised;
  for (const auto& [key, value] : s.attributes) {
    auto path = fmt::format("attributes.{}", std::string_view(key));
    auto it = std::find_if(category->attributes.begin(), category->attributes.end(),
                           [&](const Attribute& a) { return a.code == key; });
    if (it == category->attributes.end())
      return validation_error(path, "is not a question of this category");
    const Attribute& a = *it;
    if (value.is_null()) continue;
    switch (a.type) {
      case AttributeType::text:
        if (!value.is_string() || value.as_string().size() > 500 ||
            !is_clean_utf8(std::string_view(value.as_string())))
          return validation_error(path, "must be text of at most 500 bytes");
        if (value.as_string().empty()) continue;
        break;
      case AttributeType::number:
        if (!value.is_number()) return validation_error(path, "must be a number");
        break;
      case AttributeType::date:
        if (!value.is_string() || !valid_date(std::string_view(value.as_string())))
          return validation_error(path, "must be a date like 2026-11-24");
        break;
      case AttributeType::single:
        if (!value.is_string() || !a.option(std::string_view(value.as_string())))
          return validation_error(path, "must be one of the question's options");
        break;
      case AttributeType::multi: {
        if (!value.is_array()) return validation_error(path, "must be a list of options");
        json::array keys;
        for (const auto& v : value.as_array()) {
          if (!v.is_string() || !a.option(std::string_view(v.as_string())))
            return validation_error(path, "must list options of the question");
          if (std::find(keys.begin(), keys.end(), v) == keys.end()) keys.push_back(v);
        }
        if (keys.empty()) continue;
        normalised[key] = std::move(keys);
        continue;
      }
    }
    normalised[key] = value;
  }
  for (const auto& a : category->attributes)
    if (a.required && !normalised.contains(a.code))
      return validation_error(fmt::format("attributes.{}", a.code),
                              fmt::format("'{}' must be answered", a.label.de));
  s.attributes = std::move(normalised);
  return {};
}

std::string format_time(std::int64_t unix_ms, const tenants::City& city) {
  return shared::rfc3339_in_zone(unix_ms, city.time_zone);
}

json::object public_json(const Report& r, const tenants::City& city,
                         const ReportsSettings& settings) {
  const Category* category = settings.category(r.category);
  json::value position_lat = nullptr, position_lon = nullptr;
  if (r.position) {
    position_lat = r.position->lat;
    position_lon = r.position->lon;
  }
  return {
      {"id", r.id},
      {"category", r.category},
      {"group", category ? json::value(category->group) : json::value(nullptr)},
      {"status", to_string(r.status)},
      {"status_label", text_json(status_label(r.status))},
      {"lat", position_lat},
      {"lon", position_lon},
      {"address", r.address},
      {"district", r.district.empty() ? json::value(nullptr) : json::value(r.district)},
      {"description", r.description},
      {"attributes", r.attributes},
      {"public_answer", r.public_answer},
      {"forwarded_to", r.forwarded_to.empty() ? json::value(nullptr) : json::value(r.forwarded_to)},
      {"duplicate_of", r.duplicate_of ? json::value(*r.duplicate_of) : json::value(nullptr)},
      {"supporters", r.supporters},
      {"created_at", format_time(r.created_at, city)},
      {"updated_at", format_time(r.updated_at, city)},
      {"closed_at", time_or_null(r.closed_at, city)},
      {"photos", photos_json(r, city, false)},
      {"history", history_json(r, city, false)}};
}

json::object reporter_json(const Report& r, const tenants::City& city,
                           const ReportsSettings& settings) {
  auto out = public_json(r, city, settings);
  out["published"] = r.is_public();
  out["has_email"] = r.email.has_value();
  return out;
}

json::object case_json(const Report& r, const tenants::City& city,
                       const ReportsSettings& settings) {
  auto out = public_json(r, city, settings);
  out["published"] = r.published;
  out["department"] = r.department;
  out["email"] = r.email ? json::value(*r.email) : json::value(nullptr);
  out["name"] = r.name ? json::value(*r.name) : json::value(nullptr);
  out["personal_data_deleted"] = r.personal_data_deleted;
  out["source"] = r.source;
  out["locale"] = r.locale;
  out["photos"] = photos_json(r, city, true);
  out["history"] = history_json(r, city, true);
  return out;
}

}  // namespace mosaik::modules::reports
