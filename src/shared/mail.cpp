#include "shared/mail.hpp"

#include <curl/curl.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <ctime>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>

#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "core/mailbox.hpp"

namespace mosaik::shared {
namespace {

constexpr std::size_t kMaxSubjectBytes = 1000;
constexpr long kTimeoutMs = 15'000;

std::string base64(std::string_view data) {
  std::string out(4 * ((data.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(data.data()),
                          static_cast<int>(data.size()));
  out.resize(static_cast<std::size_t>(n));
  return out;
}

bool is_ascii_printable(std::string_view s) noexcept {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7E) return false;
  }
  return true;
}

bool has_control(std::string_view s) noexcept {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

// RFC 2047 encoded-words ("=?UTF-8?B?...?="), each of at most 39 bytes of text (64 characters)
// and never splitting a UTF-8 sequence, separated by folding white space (CRLF SP), which
// readers drop between adjacent encoded-words. REQUIRES: `text` is valid UTF-8.
std::string encoded_words(std::string_view text) {
  constexpr std::size_t kChunk = 39;
  std::string out;
  while (!text.empty()) {
    std::size_t n = std::min(kChunk, text.size());
    // Step back over continuation bytes so the chunk ends on a character boundary.
    while (n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?";
    out += base64(text.substr(0, n));
    out += "?=";
    text.remove_prefix(n);
  }
  return out;
}

// Unstructured header text (Subject), folded or encoded as needed; `name_length` is the header
// name's length with ": ".
std::string header_text(std::string_view text, std::size_t name_length) {
  if (is_ascii_printable(text) && name_length + text.size() <= 78 &&
      text.find("=?") == std::string_view::npos)
    return std::string(text);
  return encoded_words(text);
}

bool is_atext_or_space(char c) noexcept {
  auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == ' ' ||
         (u != 0 && std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos);
}

// "Display Name <addr>" with the name as atoms, a quoted string or encoded-words, folded before
// "<addr>" when the line would be longer than 78 characters; `name_length` is the header
// name's length with ": ".
std::string render_mailbox(const Mailbox& box, std::size_t name_length) {
  if (box.display_name.empty()) return box.address;
  const std::string& name = box.display_name;
  std::string phrase;
  if (!is_ascii_printable(name) || name.size() > 60 || name.find("=?") != std::string::npos) {
    phrase = encoded_words(name);
  } else if (std::all_of(name.begin(), name.end(), is_atext_or_space)) {
    phrase = name;
  } else {
    phrase.reserve(name.size() + 8);
    phrase.push_back('"');
    for (char c : name) {
      if (c == '"' || c == '\\') phrase.push_back('\\');
      phrase.push_back(c);
    }
    phrase.push_back('"');
  }
  auto fold = phrase.rfind("\r\n");
  std::size_t last_line =
      fold == std::string::npos ? name_length + phrase.size() : phrase.size() - fold - 2;
  const char* separator = last_line + box.address.size() + 3 > 78 ? "\r\n " : " ";
  return fmt::format("{}{}<{}>", phrase, separator, box.address);
}

// RFC 5322 date-time in UTC, independent of the C locale.
std::string rfc5322_date(std::int64_t now_ms) {
  static constexpr std::array<const char*, 7> days = {"Sun", "Mon", "Tue", "Wed",
                                                      "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t seconds = static_cast<std::time_t>(now_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000",
                     days[static_cast<std::size_t>(tm.tm_wday)], tm.tm_mday,
                     months[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour,
                     tm.tm_min, tm.tm_sec);
}

Result<Mailbox> read_mailbox(std::string_view text, const char* field) {
  if (text.find_first_of("\r\n") != std::string_view::npos)
    return validation_error(field, "must not contain line breaks");
  auto box = parse_mailbox(text);
  if (!box) return validation_error(field, "is not an e-mail address");
  return std::move(*box);
}

// The body as CRLF lines, base64 in lines of 76 characters. "\r\n" and "\n" end a line; a CR
// on its own is refused like other control characters.
Result<std::string> encode_body(std::string_view body) {
  std::string lines;  // LF line ends
  lines.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\r') {
      if (i + 1 < body.size() && body[i + 1] == '\n') continue;
      return validation_error("body", "must be UTF-8 text without control characters");
    }
    lines += body[i];
  }
  if (!is_clean_utf8(lines))
    return validation_error("body", "must be UTF-8 text without control characters");
  std::string text;
  text.reserve(lines.size() + lines.size() / 32);
  for (char ch : lines) {
    if (ch == '\n') text += '\r';
    text += ch;
  }
  std::string encoded = base64(text);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / 38 + 2);
  for (std::size_t i = 0; i < encoded.size(); i += 76) {
    out.append(encoded, i, 76);
    out += "\r\n";
  }
  return out;
}

struct Upload {
  std::string_view data;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  std::size_t n = std::min(size * count, upload->data.size());
  std::copy_n(upload->data.data(), n, buffer);
  upload->data.remove_prefix(n);
  return n;
}

struct CurlDeleter {
  void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

std::string random_id() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1)
    throw std::runtime_error("RAND_bytes failed");
  std::string out;
  for (auto b : bytes) out += fmt::format("{:02x}", b);
  return out;
}

}  // namespace

Result<std::string> build_mail(const MailConfig& config, const MailMessage& message,
                               std::int64_t now_ms, std::string_view message_id) {
  auto from = read_mailbox(config.from, "from");
  if (!from) return std::move(from).error();
  auto to = read_mailbox(message.to, "to");
  if (!to) return std::move(to).error();
  std::optional<Mailbox> reply_to;
  if (!message.reply_to.empty()) {
    auto box = read_mailbox(message.reply_to, "reply_to");
    if (!box) return std::move(box).error();
    reply_to = std::move(*box);
  }
  if (message.subject.find_first_of("\r\n") != std::string::npos)
    return validation_error("subject", "must not contain line breaks");
  if (has_control(message.subject) || !is_clean_utf8(message.subject))
    return validation_error("subject", "must be UTF-8 text without control characters");
  if (message.subject.size() > kMaxSubjectBytes)
    return validation_error("subject", fmt::format("must be at most {} bytes", kMaxSubjectBytes));
  auto body = encode_body(message.body);
  if (!body) return std::move(body).error();

  std::string out;
  out.reserve(body->size() + 1024);
  out += fmt::format("Date: {}\r\n", rfc5322_date(now_ms));
  out += fmt::format("From: {}\r\n", render_mailbox(*from, 6));
  out += fmt::format("To: {}\r\n", render_mailbox(*to, 4));
  if (reply_to) out += fmt::format("Reply-To: {}\r\n", render_mailbox(*reply_to, 10));
  out += fmt::format("Subject: {}\r\n", header_text(message.subject, 9));
  out += fmt::format("Message-ID: <{}>\r\n", message_id);
  out += "MIME-Version: 1.0\r\n";
  out += "Auto-Submitted: auto-generated\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  out += *body;
  return out;
}

Result<void> send_mail(const MailConfig& config, const MailMessage& message) {
  if (config.smtp_url.empty())
    return Error(Errc::unavailable, "sending e-mail is switched off (mail.smtp_url is empty)");
  if (!config.smtp_url.starts_with("smtp://") && !config.smtp_url.starts_with("smtps://"))
    return validation_error("smtp_url", "only smtp:// and smtps:// URLs");
  auto from = read_mailbox(config.from, "from");
  if (!from) return std::move(from).error();
  auto to = read_mailbox(message.to, "to");
  if (!to) return std::move(to).error();
  std::string domain = from->address.substr(from->address.rfind('@') + 1);
  auto text = build_mail(config, message, unix_millis(), fmt::format("{}@{}", random_id(), domain));
  if (!text) return std::move(text).error();

  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
  if (!curl) return Error(Errc::unavailable, "cannot start an SMTP transfer");
  std::string mail_from = fmt::format("<{}>", from->address);
  std::unique_ptr<curl_slist, SlistDeleter> recipients(
      curl_slist_append(nullptr, fmt::format("<{}>", to->address).c_str()));
  Upload upload{*text};

  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, config.smtp_url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, kTimeoutMs);
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, kTimeoutMs);
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, mail_from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text->size()));
  if (config.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
  if (!config.username.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, config.username.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, config.password.c_str());
  }
  std::array<char, CURL_ERROR_SIZE> error{};
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error.data());

  CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    long reply = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
    return Error(Errc::unavailable,
                 fmt::format("the mail relay did not take the message: {}: {}{}",
                             curl_easy_strerror(rc), error[0] ? error.data() : "no details",
                             reply ? fmt::format(" (last reply {})", reply) : std::string()));
  }
  return {};
}

}  // namespace mosaik::shared
