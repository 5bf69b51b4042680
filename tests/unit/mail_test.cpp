#include "shared/mail.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string_view>

#include "core/mailbox.hpp"
#include "support/smtp_sink.hpp"

namespace mosaik::shared {
namespace {

using namespace std::chrono_literals;

// An independent decoder (not the encoder's library), ignoring line breaks.
std::string decode_base64(std::string_view text) {
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == '\r' || c == '\n') continue;
    auto value = alphabet.find(c);
    if (value == std::string_view::npos) ADD_FAILURE() << "not base64: " << c;
    buffer = (buffer << 6) | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

struct Parsed {
  std::vector<std::pair<std::string, std::string>> headers;  // unfolded
  std::string body;                                          // as sent (base64 lines)

  std::string header(std::string_view name) const {
    for (const auto& [n, v] : headers)
      if (n == name) return v;
    return {};
  }
};

Parsed parse(const std::string& text) {
  Parsed out;
  auto end = text.find("\r\n\r\n");
  EXPECT_NE(end, std::string::npos);
  out.body = text.substr(end + 4);
  std::string_view head = std::string_view(text).substr(0, end + 2);
  while (!head.empty()) {
    auto eol = head.find("\r\n");
    std::string_view line = head.substr(0, eol);
    head.remove_prefix(eol + 2);
    if (line.starts_with(' ') || line.starts_with('\t')) {
      out.headers.back().second += line;  // unfold: drop the CRLF, keep the white space
      continue;
    }
    auto colon = line.find(": ");
    EXPECT_NE(colon, std::string_view::npos) << line;
    out.headers.emplace_back(std::string(line.substr(0, colon)),
                             std::string(line.substr(colon + 2)));
  }
  return out;
}

// Decodes a header of "=?UTF-8?B?...?=" words separated by white space.
std::string decode_words(std::string_view value) {
  std::string out;
  while (!value.empty()) {
    while (value.starts_with(' ')) value.remove_prefix(1);
    if (value.empty()) break;
    EXPECT_TRUE(value.starts_with("=?UTF-8?B?")) << value;
    auto end = value.find("?=", 10);
    EXPECT_LE(end + 2, 75u) << "an encoded-word is at most 75 characters";
    out += decode_base64(value.substr(10, end - 10));
    value.remove_prefix(end + 2);
  }
  return out;
}

MailConfig config() {
  MailConfig c;
  c.from = "Stadt Dortmund – Mängelmelder <maengel@dortmund.example>";
  return c;
}

constexpr std::int64_t kNow = 1'795'512'605'000;  // 2026-11-24T09:30:05Z

TEST(MailTest, BuildsAnRfc5322Message) {
  MailMessage m{.to = "buerger@example.org",
                .subject = "Ihre Meldung #17: In Bearbeitung",
                .body = "Guten Tag,\nIhre Meldung wird bearbeitet.\n\nGrüße\r\nIhr Bürgerservice",
                .reply_to = "\"Tiefbauamt, Abt. 3\" <tiefbau@dortmund.example>"};
  auto text = build_mail(config(), m, kNow, "abc123@dortmund.example");
  ASSERT_TRUE(text.ok()) << text.error().detail();
  auto parsed = parse(*text);
  EXPECT_EQ(parsed.header("Date"), "Tue, 24 Nov 2026 09:30:05 +0000");
  EXPECT_EQ(parsed.header("To"), "buerger@example.org");
  EXPECT_EQ(parsed.header("Reply-To"), "\"Tiefbauamt, Abt. 3\" <tiefbau@dortmund.example>");
  EXPECT_EQ(parsed.header("Subject"), "Ihre Meldung #17: In Bearbeitung");  // ASCII stays plain
  EXPECT_EQ(parsed.header("Message-ID"), "<abc123@dortmund.example>");
  EXPECT_EQ(parsed.header("MIME-Version"), "1.0");
  EXPECT_EQ(parsed.header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(parsed.header("Content-Transfer-Encoding"), "base64");
  EXPECT_EQ(parsed.header("Auto-Submitted"), "auto-generated");
  // The non-ASCII display name is encoded-words before the plain address.
  auto from = parsed.header("From");
  ASSERT_TRUE(from.ends_with(" <maengel@dortmund.example>")) << from;
  EXPECT_EQ(decode_words(from.substr(0, from.size() - 27)), "Stadt Dortmund – Mängelmelder");
  EXPECT_EQ(decode_base64(parsed.body),
            "Guten Tag,\r\nIhre Meldung wird bearbeitet.\r\n\r\nGrüße\r\nIhr Bürgerservice");
  // Every line of the message is CRLF-terminated and short.
  std::string_view rest = *text;
  while (!rest.empty()) {
    auto eol = rest.find("\r\n");
    ASSERT_NE(eol, std::string_view::npos);
    EXPECT_LE(eol, 78u) << rest.substr(0, eol);
    EXPECT_EQ(rest.substr(0, eol).find('\n'), std::string_view::npos);
    rest.remove_prefix(eol + 2);
  }
}

TEST(MailTest, NonAsciiSubjectIsEncodedWords) {
  const std::string subject =
      "Ihre Meldung #17: In Bearbeitung – Schlagloch in der Märkischen Straße, Höhe Nr. 12";
  MailMessage m{.to = "Jörg Müller <joerg@example.org>", .subject = subject, .body = "ä"};
  auto text = build_mail(config(), m, kNow, "x@y");
  ASSERT_TRUE(text.ok()) << text.error().detail();
  auto parsed = parse(*text);
  auto encoded = parsed.header("Subject");
  EXPECT_TRUE(encoded.starts_with("=?UTF-8?B?")) << encoded;
  EXPECT_NE(text->find("\r\n =?UTF-8?B?"), std::string::npos) << "long subjects are folded";
  EXPECT_EQ(decode_words(encoded), subject);
  auto to = parsed.header("To");
  EXPECT_TRUE(to.ends_with(" <joerg@example.org>"));
  EXPECT_EQ(decode_words(to.substr(0, to.size() - 20)), "Jörg Müller");
  EXPECT_EQ(decode_base64(parsed.body), "ä");
}

TEST(MailTest, LongBodyHasLinesOf76) {
  std::string body;
  for (int i = 0; i < 200; ++i) body += "Zeile " + std::to_string(i) + " mit Umlauten äöü\n";
  auto text =
      build_mail(config(), {.to = "a@b.example", .subject = "s", .body = body}, kNow, "i@d");
  ASSERT_TRUE(text.ok());
  auto parsed = parse(*text);
  std::string_view rest = parsed.body;
  while (rest.size() > 78) {
    EXPECT_EQ(rest.find("\r\n"), 76u);
    rest.remove_prefix(78);
  }
  std::string crlf;
  for (char c : body) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(decode_base64(parsed.body), crlf);
}

TEST(MailTest, RejectsHeaderInjectionAndBadAddresses) {
  auto field_of = [](const MailMessage& m) {
    auto text = build_mail(config(), m, kNow, "i@d");
    EXPECT_FALSE(text.ok());
    if (text.ok()) return std::string("(accepted)");
    EXPECT_EQ(text.error().code(), Errc::validation_failed);
    return text.error().field();
  };
  MailMessage ok{.to = "a@b.example", .subject = "s", .body = "b"};
  auto m = ok;
  m.to = "a@b.example\r\nBcc: victim@example.org";
  EXPECT_EQ(field_of(m), "to");
  m = ok;
  m.to = "a@b.example\nBcc: victim@example.org";
  EXPECT_EQ(field_of(m), "to");
  m = ok;
  m.subject = "Hallo\r\nBcc: victim@example.org";
  EXPECT_EQ(field_of(m), "subject");
  m = ok;
  m.subject = "Hallo\nX: y";
  EXPECT_EQ(field_of(m), "subject");
  m = ok;
  m.reply_to = "a@b.example\r\nBcc: victim@example.org";
  EXPECT_EQ(field_of(m), "reply_to");
  m = ok;
  m.to = "Name <a@b.example>\r\n";
  EXPECT_EQ(field_of(m), "to");
  for (auto bad : {"", "no-at-sign", "a@", "@b.example", "a b@c.example", "a@-b.example",
                   "a..b@c.example", "<a@b.example", "Na<me <a@b.example>"}) {
    m = ok;
    m.to = bad;
    EXPECT_EQ(field_of(m), "to") << bad;
  }
  m = ok;
  m.body = "bad \x01 control";
  EXPECT_EQ(field_of(m), "body");
  m = ok;
  m.body = "invalid \xC3 utf-8";
  EXPECT_EQ(field_of(m), "body");
  m = ok;
  m.subject = std::string(1001, 'x');
  EXPECT_EQ(field_of(m), "subject");
}

TEST(MailboxTest, ParsesAddressesAndDisplayNames) {
  auto box = parse_mailbox("  Mosaik <no-reply@localhost> ");
  ASSERT_TRUE(box);
  EXPECT_EQ(box->display_name, "Mosaik");
  EXPECT_EQ(box->address, "no-reply@localhost");
  box = parse_mailbox("\"Amt \\\"Tief\\\", Abt. 3\" <t@x.example>");
  ASSERT_TRUE(box);
  EXPECT_EQ(box->display_name, "Amt \"Tief\", Abt. 3");
  box = parse_mailbox("first.last+tag@sub.example.org");
  ASSERT_TRUE(box);
  EXPECT_EQ(box->display_name, "");
  EXPECT_TRUE(is_mail_address("o'brien@example.ie"));
  EXPECT_FALSE(is_mail_address("a@b_c.example"));
  EXPECT_FALSE(is_mail_address("ä@b.example"));
  EXPECT_FALSE(parse_mailbox("Name\r\nBcc: x <a@b.example>"));
}

std::string body_of(const testing::SmtpSink::Message& message) {
  auto parsed = parse(message.data);
  return decode_base64(parsed.body);
}

TEST(MailTest, SendsThroughTheRelay) {
  testing::SmtpSink sink;
  auto c = config();
  c.smtp_url = sink.url();
  // The body is base64, so a line of its own "." in the text never reaches the wire as one.
  MailMessage m{.to = "Jörg <joerg@example.org>",
                .subject = "Ihre Meldung #17: In Bearbeitung",
                .body = "Grüße aus dem Tiefbauamt.\n.\nÄnderungen folgen."};
  auto sent = send_mail(c, m);
  ASSERT_TRUE(sent.ok()) << sent.error().detail();
  ASSERT_TRUE(sink.wait_for(1, 5s));
  auto messages = sink.messages();
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].from, "maengel@dortmund.example");
  EXPECT_EQ(messages[0].recipients, std::vector<std::string>{"joerg@example.org"});
  EXPECT_EQ(body_of(messages[0]), "Grüße aus dem Tiefbauamt.\r\n.\r\nÄnderungen folgen.");
  auto parsed = parse(messages[0].data);
  EXPECT_EQ(parsed.header("Subject"), "Ihre Meldung #17: In Bearbeitung");
  auto id = parsed.header("Message-ID");
  EXPECT_TRUE(id.starts_with('<') && id.ends_with("@dortmund.example>")) << id;
  EXPECT_EQ(id.size(), 1u + 32u + 17u + 1u) << id;  // 128 random bits in hex
}

TEST(MailTest, UnreachableRelayIsUnavailable) {
  // A port that was free a moment ago: nobody listens there.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length), 0);
  ::close(fd);
  auto c = config();
  c.smtp_url = "smtp://127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  auto sent = send_mail(c, {.to = "a@b.example", .subject = "s", .body = "b"});
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code(), Errc::unavailable);
  EXPECT_NE(sent.error().detail().find("connect"), std::string::npos) << sent.error().detail();
}

TEST(MailTest, RefusingRelayIsUnavailable) {
  testing::SmtpSink sink;
  sink.set_refuse(true);
  auto c = config();
  c.smtp_url = sink.url();
  MailMessage m{.to = "a@b.example", .subject = "s", .body = "b"};
  auto sent = send_mail(c, m);
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code(), Errc::unavailable);
  EXPECT_NE(sent.error().detail().find("451"), std::string::npos) << sent.error().detail();
  EXPECT_TRUE(sink.messages().empty());
  sink.set_refuse(false);  // the retry goes through
  ASSERT_TRUE(send_mail(c, m).ok());
  EXPECT_TRUE(sink.wait_for(1, 5s));
}

TEST(MailTest, DisabledOrInvalidSendsNothing) {
  testing::SmtpSink sink;
  auto c = config();
  auto sent = send_mail(c, {.to = "a@b.example", .subject = "s", .body = "b"});
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code(), Errc::unavailable);  // smtp_url empty: switched off
  c.smtp_url = sink.url();
  sent = send_mail(c, {.to = "a@b.example\r\nBcc: x@y.example", .subject = "s", .body = "b"});
  ASSERT_FALSE(sent.ok());
  EXPECT_EQ(sent.error().code(), Errc::validation_failed);
  EXPECT_FALSE(sink.wait_for(1, 200ms));
}

}  // namespace
}  // namespace mosaik::shared
