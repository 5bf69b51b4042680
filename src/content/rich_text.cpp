// TEMPORARY SHIM (events branch): replaced by main's src/content/rich_text.* on merge.
#include "content/rich_text.hpp"

#include <cmark.h>

#include <cstdlib>

namespace mosaik::content {

namespace {
std::string escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}
}  // namespace

std::string to_safe_html(std::string_view source, TextFormat format) {
  if (format == TextFormat::html) return "<p>" + escape(plain_text(source, 1 << 20)) + "</p>";
  char* html = cmark_markdown_to_html(source.data(), source.size(), CMARK_OPT_SAFE);
  std::string out(html);
  std::free(html);
  return out;
}

std::string plain_text(std::string_view html, std::size_t max_chars) {
  std::string out;
  bool in_tag = false, space = false;
  for (char c : html) {
    if (c == '<')
      in_tag = true;
    else if (c == '>') {
      in_tag = false;
      space = true;
    } else if (!in_tag) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
        space = true;
      else {
        if (space && !out.empty()) out += ' ';
        space = false;
        out += c;
      }
    }
  }
  if (out.size() > max_chars) out.resize(max_chars);
  return out;
}

}  // namespace mosaik::content
