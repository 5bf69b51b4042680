#include "core/mailbox.hpp"

#include <cstring>

#include "core/json_reader.hpp"

namespace mosaik {
namespace {

bool is_atext(char c) noexcept {
  auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') ||
         (u != 0 && std::strchr("!#$%&'*+-/=?^_`{|}~", c) != nullptr);
}

bool is_host_name(std::string_view host) noexcept {
  if (host.empty() || host.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    auto dot = host.find('.', start);
    auto label = host.substr(start, dot == std::string_view::npos ? host.npos : dot - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (char c : label) {
      auto u = static_cast<unsigned char>(c);
      bool ok =
          (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || c == '-';
      if (!ok) return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool has_control(std::string_view s) noexcept {
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) return true;
  }
  return false;
}

}  // namespace

bool is_mail_address(std::string_view address) noexcept {
  if (address.size() > 254) return false;
  auto at = address.rfind('@');
  if (at == std::string_view::npos) return false;
  auto local = address.substr(0, at);
  if (local.empty() || local.size() > 64 || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos)
    return false;
  for (char c : local)
    if (c != '.' && !is_atext(c)) return false;
  return is_host_name(address.substr(at + 1));
}

std::optional<Mailbox> parse_mailbox(std::string_view text) {
  text = trim(text);
  Mailbox out;
  if (!text.ends_with('>')) {
    if (!is_mail_address(text)) return std::nullopt;
    out.address = std::string(text);
    return out;
  }
  auto open = text.rfind('<');
  if (open == std::string_view::npos) return std::nullopt;
  auto address = text.substr(open + 1, text.size() - open - 2);
  if (!is_mail_address(address)) return std::nullopt;
  out.address = std::string(address);
  auto name = trim(text.substr(0, open));
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    name = name.substr(1, name.size() - 2);
    for (std::size_t i = 0; i < name.size(); ++i) {
      if (name[i] == '"') return std::nullopt;
      if (name[i] == '\\') {
        if (++i == name.size()) return std::nullopt;
      }
      out.display_name += name[i];
    }
  } else {
    if (name.find_first_of("<>\"") != std::string_view::npos) return std::nullopt;
    out.display_name = std::string(name);
  }
  if (has_control(out.display_name) || !is_clean_utf8(out.display_name)) return std::nullopt;
  return out;
}

}  // namespace mosaik
