#include "shared/german_text.hpp"

#include <array>

namespace mosaik::shared {
namespace {

// The ASCII letters a Latin-1 letter (U+00C0..U+00FF) compares as; empty: not a letter.
constexpr std::array<std::string_view, 64> kLatin1 = {
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // C0
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "ss",  // D0
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i",  "i",   // E0
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "th", "y"};  // F0

// Splits `name` into words of lower-case ASCII letters and digits: ASCII characters other than
// letters and digits separate words; ä/ö/ü/ß and other Latin-1 letters are spelled in ASCII;
// any other character is dropped (without separating). Calls word(std::string&) per word.
template <class F>
void for_each_word(std::string_view name, F&& word) {
  std::string current;
  auto flush = [&] {
    if (!current.empty()) word(current);
    current.clear();
  };
  for (std::size_t i = 0; i < name.size();) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c < 0x80) {
      if (c >= 'A' && c <= 'Z') {
        current += static_cast<char>(c - 'A' + 'a');
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        current += static_cast<char>(c);
      } else {
        flush();
      }
      ++i;
      continue;
    }
    // UTF-8: decode one code point; malformed bytes are dropped one at a time.
    std::size_t len = 0;
    char32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07u;
    } else {
      ++i;
      continue;
    }
    if (i + len > name.size()) break;
    bool ok = true;
    for (std::size_t k = 1; k < len; ++k) {
      const auto cc = static_cast<unsigned char>(name[i + k]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3Fu);
    }
    if (!ok) {
      ++i;
      continue;
    }
    i += len;
    if (cp >= 0xC0 && cp <= 0xFF) {
      current += kLatin1[cp - 0xC0];
    } else if (cp == 0x1E9E) {  // capital sharp s
      current += "ss";
    } else if (cp == 0x152 || cp == 0x153) {  // Œ œ
      current += "oe";
    } else if (cp == 0xA0 || cp == 0x2010 || cp == 0x2011 || cp == 0x2013 || cp == 0x2014) {
      flush();  // no-break space and dashes separate like their ASCII forms
    }
  }
  flush();
}

// ae/oe/ue -> a/o/u within a word (so "Oelbach" reads as "Ölbach").
void fold_digraphs(std::string& w) {
  std::size_t out = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    w[out++] = w[i];
    if (i + 1 < w.size() && w[i + 1] == 'e' && (w[i] == 'a' || w[i] == 'o' || w[i] == 'u')) ++i;
  }
  w.resize(out);
}

}  // namespace

std::vector<std::string> german_words(std::string_view text) {
  std::vector<std::string> words;
  for_each_word(text, [&](std::string& w) {
    fold_digraphs(w);
    words.push_back(w);
  });
  return words;
}

std::string fold_german(std::string_view text) {
  std::string out;
  for (const auto& w : german_words(text)) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

}  // namespace mosaik::shared
