// Sending e-mail through the SMTP relay of `[mail]` (libcurl), for the reports module's status
// notifications. Blocking: call it from a job, never on the network threads.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/config.hpp"
#include "core/error.hpp"

namespace mosaik::shared {

struct MailMessage {
  std::string to;        // "addr" or "Display Name <addr>" (see core/mailbox.hpp)
  std::string subject;   // UTF-8, one line, at most 1000 bytes
  std::string body;      // plain text, UTF-8; "\n" and "\r\n" both end a line
  std::string reply_to;  // like `to`; empty: no Reply-To header
};

// The RFC 5322 message that send_mail hands to the relay, CRLF line ends: Date (from `now_ms`,
// in UTC), From (`config.from`), To, Reply-To (when set), Subject (RFC 2047 UTF-8 base64
// encoded-words when it is not plain ASCII or too long for one line), Message-ID
// (`<message_id>`; pass it without angle brackets), MIME-Version, Auto-Submitted:
// auto-generated (RFC 3834: no vacation replies), Content-Type text/plain; charset=utf-8, and
// the body in base64 with lines of 76 characters (line ends made CRLF before encoding).
// Errors: validation_failed, with `field` "to", "reply_to", "subject", "body" or "from", for an
// address that parse_mailbox rejects, CR/LF/control characters in the subject (header
// injection), invalid UTF-8, or a subject longer than 1000 bytes.
Result<std::string> build_mail(const MailConfig& config, const MailMessage& message,
                               std::int64_t now_ms, std::string_view message_id);

// Sends `message` to its `to` address through `config.smtp_url`, with a new random Message-ID
// at the domain of `config.from`, and SMTP AUTH when `config.username` is set (STARTTLS
// required when `config.starttls`). Gives up after 15 s. Thread-safe.
// Returns once the relay accepted the message (250 after DATA).
// Errors: validation_failed as for build_mail, or for a URL that is not smtp:// or smtps://;
// unavailable when `config.smtp_url` is empty (sending disabled), the relay cannot be reached,
// TLS or authentication fails, or the relay refuses the sender, recipient or message (the detail
// holds curl's error text and the relay's last reply code; a 5xx code will not change on retry).
Result<void> send_mail(const MailConfig& config, const MailMessage& message);

}  // namespace mosaik::shared
