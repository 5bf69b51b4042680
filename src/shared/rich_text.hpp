// Rich text of news items, event descriptions and imported feeds: whatever comes in (Markdown
// typed by an editor, HTML from a city's newsroom feed) leaves as one small, safe HTML subset
// that the app can insert as it is and feeds can carry.
#pragma once

#include <string>
#include <string_view>

namespace mosaik::shared {

enum class TextFormat { markdown, html };

// Source -> the safe subset: p, br, h2-h4 (h1 becomes h2, h5/h6 become h4), strong, em, a,
// ul, ol, li, blockquote, code, pre, hr. Links keep only an http(s)/mailto/tel href and get
// rel="noopener noreferrer". Markdown is rendered by cmark (CommonMark; raw HTML dropped),
// HTML is parsed by gumbo (HTML5). Every other element is unwrapped (its text kept); script,
// style, iframe and the like are dropped with their content; attributes other than href are
// dropped; comments are dropped. Never fails: any input gives well-formed output.
std::string to_safe_html(std::string_view source, TextFormat format);

// The visible text of HTML: block boundaries become spaces, whitespace is collapsed, and the
// result is cut at a word boundary to at most `max_chars` code points, ending in "…" when cut.
std::string plain_text(std::string_view html, std::size_t max_chars);

// Text escaped for HTML content and double-quoted attribute values (& < > ").
std::string escape_html(std::string_view text);

}  // namespace mosaik::shared
