// TEMPORARY SHIM (events branch): replaced by main's src/content/rich_text.* on merge.
#pragma once

#include <string>
#include <string_view>

namespace mosaik::content {

enum class TextFormat { markdown, html };

std::string to_safe_html(std::string_view source, TextFormat format);
std::string plain_text(std::string_view html, std::size_t max_chars);

}  // namespace mosaik::content
