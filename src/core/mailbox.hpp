// E-mail addresses as Mosaik sends from and to them: the common subset of RFC 5322 that relays
// and mail clients agree on. Shared by the configuration check (`mail.from`) and content/mail.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mosaik {

struct Mailbox {
  std::string display_name;  // UTF-8, without quotes; may be empty
  std::string address;       // "local@domain"
};

// True for "local@domain": a dot-atom local part (letters, digits, !#$%&'*+-/=?^_`{|}~ and
// single inner dots, at most 64 bytes) and a host name (letters, digits, hyphens, dots; labels
// of at most 63 bytes, not starting or ending with a hyphen), at most 254 bytes in all. Quoted
// local parts, address literals and non-ASCII addresses are not accepted. A domain without a
// dot (e.g. "localhost") is. Never fails.
bool is_mail_address(std::string_view address) noexcept;

// Parses "local@domain" or "Display Name <local@domain>"; the name may be in double quotes
// (with \" and \\ escapes) and may be UTF-8. Surrounding spaces are ignored. Returns nullopt
// when the address is not one `is_mail_address` accepts, or the name holds control characters
// (CR and LF included), invalid UTF-8 or unquoted '<', '>' or '"'.
std::optional<Mailbox> parse_mailbox(std::string_view text);

}  // namespace mosaik
