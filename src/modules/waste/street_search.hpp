// Street search for the Abfallkalender: what a citizen types ("Hauptstr. 12", "muenster",
// "Brükenstrasse") against the city's street names. Tolerates case, umlauts written as ä or ae,
// ß or ss, "Str."/"Strasse"/"Straße", hyphens and spaces, and small typos.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mosaik::modules::waste {

// The comparison form of a street name: lower case ASCII letters and digits only; ä/ae -> a,
// ö/oe -> o, ü/ue -> u, ß -> ss, "strasse"/"straße"/"str." -> "str", everything else dropped.
// "Hauptstraße" and "Hauptstr." give "hauptstr"; "Am Ölbach" and "Am Oelbach" "amolbach".
std::string normalise_street(std::string_view name);

// A typed address: the street part and a trailing house number, when one is there.
// "Hauptstr. 12a" -> {"Hauptstr.", "12a"}; "Straße des 17. Juni" -> {"Straße des 17. Juni", ""}.
struct TypedAddress {
  std::string street;
  std::string house_number;  // empty: none typed
};
TypedAddress split_address(std::string_view text);

// An index of distinct street names (built once per plan, read by many threads).
class StreetIndex {
 public:
  struct Entry {
    std::string name;      // display name
    std::string district;  // may be empty
  };
  explicit StreetIndex(std::vector<Entry> entries);

  struct Match {
    std::size_t entry;  // index into entries()
    int rank;           // lower is better: 0 exact, 1 prefix, 2 word prefix, 3 substring, 4+ typo
  };
  // The best matches for `query` (its street part; see split_address), best first, then by
  // name; at most `limit`. A query whose normal form has fewer than 2 characters matches
  // nothing. Typos: one edit (insert, delete, substitute, swap) for queries of 4-7 characters,
  // two from 8, compared with the start of each name.
  std::vector<Match> search(std::string_view query, std::size_t limit) const;

  const std::vector<Entry>& entries() const noexcept { return entries_; }
  // Exact lookup by normal form: every entry with it (a name can be a street in several
  // districts), in index order; empty when no street has it.
  std::vector<std::size_t> find(std::string_view name) const;

 private:
  // All parallel to entries_, computed once so a search only compares.
  std::vector<Entry> entries_;
  std::vector<std::string> keys_;       // normal forms
  std::vector<std::string> spelled_;    // normal forms with "str" spelled "strasse" (for typos)
  std::vector<std::uint64_t> letters_;  // which of a-z0-9 occur in each key
  // Typos are measured over the spelled forms in sorted order, so that names sharing a start
  // share the work: by_spelled_ orders the entries, spelled_common_[p] is how many characters
  // spelled_[by_spelled_[p]] shares with the one before (at most 255).
  std::vector<std::uint32_t> by_spelled_;
  std::vector<std::uint8_t> spelled_common_;
  // Where the words after the first begin in keys_[i]: word_starts_[word_begin_[i] ...
  // word_begin_[i + 1]).
  std::vector<std::uint32_t> word_begin_, word_starts_;
  std::vector<std::uint32_t> by_key_;     // entry indices ordered by (key, name)
  std::vector<std::uint32_t> name_rank_;  // each entry's position in by_key_: ties by name
};

}  // namespace mosaik::modules::waste
