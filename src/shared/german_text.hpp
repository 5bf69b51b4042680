// German text folding for every search of Mosaik: what citizens type ("muenster", "Müller",
// "STRASSE") and what is stored compare in one form, the same on SQLite and PostgreSQL because
// it is computed here, not by the database's LOWER().
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mosaik::shared {

// The words of `text` in comparison form: lower-case ASCII letters and digits; ä/ö/ü and other
// Latin-1 letters spelled in ASCII, ß -> ss, and then ae/oe/ue -> a/o/u within a word (so
// "Oelbach", "Ölbach" and "olbach" are one word). ASCII characters other than letters and digits,
// no-break spaces and dashes separate words; other characters are dropped.
std::vector<std::string> german_words(std::string_view text);

// The words joined by single spaces: the search and sort key ("Bürgerbüro Müllerstraße" ->
// "burgerburo mullerstrasse", and "Buergerbuero Muellerstrasse" gives the same). A query matches
// where its folded form is a substring of the folded text.
std::string fold_german(std::string_view text);

}  // namespace mosaik::shared
