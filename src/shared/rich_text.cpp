#include "shared/rich_text.hpp"

#include <cmark.h>
#include <gumbo.h>

#include <array>
#include <cstdlib>
#include <memory>
#include <string_view>

namespace mosaik::shared {
namespace {

struct GumboDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};
using GumboDocument = std::unique_ptr<GumboOutput, GumboDeleter>;

GumboDocument parse_html(std::string_view html) {
  return GumboDocument(gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()));
}

// Elements whose content is never text for a reader.
bool dropped_with_content(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_VIDEO:
      return true;
    default:
      return false;
  }
}

// The allowed element a tag becomes, or nullptr to unwrap it.
const char* allowed_name(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
      return "p";
    case GUMBO_TAG_BR:
      return "br";
    case GUMBO_TAG_HR:
      return "hr";
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
      return "h2";
    case GUMBO_TAG_H3:
      return "h3";
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
      return "h4";
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_B:
      return "strong";
    case GUMBO_TAG_EM:
    case GUMBO_TAG_I:
      return "em";
    case GUMBO_TAG_A:
      return "a";
    case GUMBO_TAG_UL:
      return "ul";
    case GUMBO_TAG_OL:
      return "ol";
    case GUMBO_TAG_LI:
      return "li";
    case GUMBO_TAG_BLOCKQUOTE:
      return "blockquote";
    case GUMBO_TAG_CODE:
      return "code";
    case GUMBO_TAG_PRE:
      return "pre";
    default:
      return nullptr;
  }
}

bool is_void(std::string_view name) {
  return name == "br" || name == "hr";
}

void append_escaped(std::string& out, std::string_view text, bool attribute) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        if (attribute) {
          out += "&quot;";
          break;
        }
        out += c;
        break;
      default:
        out += c;
    }
  }
}

bool safe_href(std::string_view href) {
  // Leading/trailing whitespace and control characters are how "java\tscript:" slips through.
  while (!href.empty() && static_cast<unsigned char>(href.front()) <= ' ') href.remove_prefix(1);
  while (!href.empty() && static_cast<unsigned char>(href.back()) <= ' ') href.remove_suffix(1);
  for (char c : href)
    if (static_cast<unsigned char>(c) < ' ') return false;
  auto starts_with_ci = [&](std::string_view prefix) {
    if (href.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(href[i])) != prefix[i]) return false;
    return true;
  };
  return starts_with_ci("https://") || starts_with_ci("http://") || starts_with_ci("mailto:") ||
         starts_with_ci("tel:");
}

void sanitise(const GumboNode* node, std::string& out);

void sanitise_children(const GumboVector& children, std::string& out) {
  for (unsigned i = 0; i < children.length; ++i)
    sanitise(static_cast<const GumboNode*>(children.data[i]), out);
}

void sanitise(const GumboNode* node, std::string& out) {
  switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_WHITESPACE:
      append_escaped(out, node->v.text.text, false);
      return;
    case GUMBO_NODE_COMMENT:
      return;
    case GUMBO_NODE_DOCUMENT:
      sanitise_children(node->v.document.children, out);
      return;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      break;
  }
  const GumboElement& element = node->v.element;
  if (dropped_with_content(element.tag)) return;
  const char* name = allowed_name(element.tag);
  if (name == nullptr) {
    sanitise_children(element.children, out);
    return;
  }
  out += '<';
  out += name;
  if (element.tag == GUMBO_TAG_A) {
    const GumboAttribute* href = gumbo_get_attribute(&element.attributes, "href");
    if (href != nullptr && safe_href(href->value)) {
      out += " href=\"";
      append_escaped(out, href->value, true);
      out += "\" rel=\"noopener noreferrer\"";
    }
  }
  out += '>';
  if (is_void(name)) return;
  sanitise_children(element.children, out);
  out += "</";
  out += name;
  out += '>';
}

const GumboNode* find_body(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT) return nullptr;
  if (node->v.element.tag == GUMBO_TAG_BODY) return node;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i)
    if (auto* body = find_body(static_cast<const GumboNode*>(children.data[i]))) return body;
  return nullptr;
}

std::string sanitise_html(std::string_view html) {
  auto document = parse_html(html);
  std::string out;
  if (const GumboNode* body = find_body(document->root))
    sanitise_children(body->v.element.children, out);
  // Trim the whitespace the parser keeps between blocks at both ends.
  auto first = out.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  auto last = out.find_last_not_of(" \t\r\n");
  return out.substr(first, last - first + 1);
}

std::string render_markdown(std::string_view markdown) {
  // CMARK_OPT_SAFE (the default since 0.29 is CMARK_OPT_UNSAFE off) replaces raw HTML and
  // javascript:/data: links; the sanitiser below is the second wall.
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_SAFE | CMARK_OPT_SMART),
      &std::free);
  return html ? std::string(html.get()) : std::string();
}

bool is_inline(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_B:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_I:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_U:
      return true;
    default:
      return false;
  }
}

void collect_text(const GumboNode* node, std::string& out) {
  switch (node->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_CDATA:
    case GUMBO_NODE_WHITESPACE:
      out += node->v.text.text;
      return;
    case GUMBO_NODE_COMMENT:
      return;
    case GUMBO_NODE_DOCUMENT:
      for (unsigned i = 0; i < node->v.document.children.length; ++i)
        collect_text(static_cast<const GumboNode*>(node->v.document.children.data[i]), out);
      return;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      break;
  }
  GumboTag tag = node->v.element.tag;
  if (dropped_with_content(tag)) return;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i)
    collect_text(static_cast<const GumboNode*>(children.data[i]), out);
  if (!is_inline(tag)) out += ' ';  // a block boundary separates words
}

bool is_continuation(unsigned char c) {
  return (c & 0xC0) == 0x80;
}

}  // namespace

std::string to_safe_html(std::string_view source, TextFormat format) {
  return format == TextFormat::markdown ? sanitise_html(render_markdown(source))
                                        : sanitise_html(source);
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_escaped(out, text, /*attribute=*/true);
  return out;
}

std::string plain_text(std::string_view html, std::size_t max_chars) {
  auto document = parse_html(html);
  std::string raw;
  collect_text(document->root, raw);
  std::string text;
  bool space = false;
  for (char c : raw) {
    bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    if (blank) {
      space = !text.empty();
      continue;
    }
    if (space) text += ' ';
    space = false;
    text += c;
  }
  // Cut at max_chars code points, then back to the last word boundary.
  std::size_t chars = 0, cut = std::string::npos;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (is_continuation(static_cast<unsigned char>(text[i]))) continue;
    if (chars == max_chars) {
      cut = i;
      break;
    }
    ++chars;
  }
  if (cut == std::string::npos) return text;
  if (max_chars == 0) return {};
  // Room for the ellipsis: one code point.
  std::size_t end = cut;
  do --end;
  while (end > 0 && is_continuation(static_cast<unsigned char>(text[end])));
  auto boundary = text.rfind(' ', end);
  if (boundary != std::string::npos && boundary > 0) end = boundary;
  std::string out = text.substr(0, end);
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == '.' ||
                          out.back() == ';' || out.back() == ':'))
    out.pop_back();
  out += "…";
  return out;
}

}  // namespace mosaik::shared
