// The Abfallkalender's street search without a server: normal forms, typed addresses with
// house numbers, ranks, typos, limits and exact lookup.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "modules/waste/street_search.hpp"

namespace mosaik::modules::waste {
namespace {

TEST(WasteStreetNormalise, SpellingsOfOneStreetAgree) {
  EXPECT_EQ(normalise_street("Hauptstraße"), "hauptstr");
  EXPECT_EQ(normalise_street("Hauptstr."), "hauptstr");
  EXPECT_EQ(normalise_street("HAUPTSTRASSE"), "hauptstr");
  EXPECT_EQ(normalise_street("Haupt-Straße"), "hauptstr");
  EXPECT_EQ(normalise_street("Am Ölbach"), "amolbach");
  EXPECT_EQ(normalise_street("Am Oelbach"), "amolbach");
  EXPECT_EQ(normalise_street("Münsterstraße"), "munsterstr");
  EXPECT_EQ(normalise_street("Muensterstrasse"), "munsterstr");
  EXPECT_EQ(normalise_street("Karl-Marx-Str."), "karlmarxstr");
  EXPECT_EQ(normalise_street("Straße des 17. Juni"), "strdes17juni");
  EXPECT_EQ(normalise_street("Rue de l'Église"), "rudeleglise");
  EXPECT_EQ(normalise_street("Großer Weg"), normalise_street("Grosser Weg"));
  // ae/oe/ue only within a word: "Rosa-Ehrenfeld" keeps its "a" and "e".
  EXPECT_EQ(normalise_street("Rosa-Ehrenfeld-Weg"), "rosaehrenfeldweg");
  EXPECT_EQ(normalise_street(" - . "), "");
  EXPECT_EQ(normalise_street("\xff\xfe"), "");  // not UTF-8: dropped
}

TEST(WasteStreetSplit, TrailingHouseNumbers) {
  auto check = [](std::string_view text, std::string_view street, std::string_view number) {
    auto got = split_address(text);
    EXPECT_EQ(got.street, street) << text;
    EXPECT_EQ(got.house_number, number) << text;
  };
  check("Hauptstr. 12", "Hauptstr.", "12");
  check("Hauptstraße 12a", "Hauptstraße", "12a");
  check("  Hauptstraße 12 A, ", "Hauptstraße", "12a");
  check("Hauptstraße 12-14", "Hauptstraße", "12-14");
  check("Hauptstr.12", "Hauptstr.", "12");
  check("Straße des 17. Juni", "Straße des 17. Juni", "");
  check("Straße des 17. Juni 4", "Straße des 17. Juni", "4");
  check("Am Ölbach", "Am Ölbach", "");
  // A street named with a number: "B" alone is too short to be a street, so it stays whole.
  check("B 1", "B 1", "");
  check("B 1 12", "B 1", "12");
  check("12", "12", "");
  check("Hauptstraße 0", "Hauptstraße 0", "");  // no house number is 0
  check("", "", "");

  // The two spellings of one address name the same street.
  EXPECT_EQ(normalise_street(split_address("Hauptstr. 12").street),
            normalise_street(split_address("Hauptstraße 12a").street));
}

std::vector<StreetIndex::Entry> sample_streets() {
  return {{"Hauptstraße", "innenstadt-west"},
          {"Hauptmarkt", "innenstadt-west"},
          {"Am Hauptbahnhof", "innenstadt-nord"},
          {"Alte Hauptstraße", "hoerde"},
          {"Oberhausener Hauptweg", "hoerde"},
          {"Münsterstraße", "innenstadt-nord"},
          {"Münsterplatz", "innenstadt-nord"},
          {"Am Ölbach", "hoerde"},
          {"Ölbachweg", "hoerde"},
          {"Brückenstraße", "innenstadt-west"},
          {"Straße des 17. Juni", ""},
          {"B 1", ""},
          {"Lindenhorster Straße", "eving"},
          {"Lindenweg", "eving"}};
}

// "name:rank" of each match.
std::vector<std::string> found(const StreetIndex& index, std::string_view query,
                               std::size_t limit = 20) {
  std::vector<std::string> out;
  for (const auto& m : index.search(query, limit))
    out.push_back(index.entries()[m.entry].name + ":" + std::to_string(m.rank));
  return out;
}

TEST(WasteStreetSearch, RanksExactPrefixWordPrefixSubstring) {
  const StreetIndex index(sample_streets());
  EXPECT_EQ(found(index, "Haupt"),
            (std::vector<std::string>{"Hauptmarkt:1", "Hauptstraße:1", "Alte Hauptstraße:2",
                                      "Am Hauptbahnhof:2", "Oberhausener Hauptweg:2"}));
  EXPECT_EQ(found(index, "hauptstr"),
            (std::vector<std::string>{"Hauptstraße:0", "Alte Hauptstraße:2"}));
  EXPECT_EQ(found(index, "Hauptstr. 12"),
            (std::vector<std::string>{"Hauptstraße:0", "Alte Hauptstraße:2"}));
  // "auptstr" is inside words only.
  EXPECT_EQ(found(index, "auptstr"),
            (std::vector<std::string>{"Alte Hauptstraße:3", "Hauptstraße:3"}));
  EXPECT_EQ(found(index, "Linden"),
            (std::vector<std::string>{"Lindenhorster Straße:1", "Lindenweg:1"}));
}

TEST(WasteStreetSearch, UmlautsAndStrasse) {
  const StreetIndex index(sample_streets());
  EXPECT_EQ(found(index, "Muenster"),
            (std::vector<std::string>{"Münsterplatz:1", "Münsterstraße:1"}));
  EXPECT_EQ(found(index, "münsterstrasse"), (std::vector<std::string>{"Münsterstraße:0"}));
  EXPECT_EQ(found(index, "Oelbach"), (std::vector<std::string>{"Ölbachweg:1", "Am Ölbach:2"}));
  EXPECT_EQ(found(index, "Ölbach"), found(index, "Oelbach"));
  // (8 characters allow two edits: "Ölbachweg" without the "am".)
  EXPECT_EQ(found(index, "am oelbach"), (std::vector<std::string>{"Am Ölbach:0", "Ölbachweg:5"}));
  EXPECT_EQ(found(index, "Strasse des 17. Juni"),
            (std::vector<std::string>{"Straße des 17. Juni:0"}));
  // Half typed: "Hauptstra" is on its way to "Hauptstraße".
  auto half = found(index, "Hauptstra");
  ASSERT_FALSE(half.empty());
  EXPECT_EQ(half.front(), "Hauptstraße:0");
}

TEST(WasteStreetSearch, Typos) {
  const StreetIndex index(sample_streets());
  // One letter missing.
  EXPECT_EQ(found(index, "Brükenstrasse"), (std::vector<std::string>{"Brückenstraße:4"}));
  // Two letters swapped, in the part the normal form shortens.
  auto swapped = found(index, "Hauptsrtaße");
  ASSERT_FALSE(swapped.empty());
  EXPECT_EQ(swapped.front(), "Hauptstraße:4");
  // Two edits from 8 characters ("Münstrstr" -> "Münsterstraße" is one; "Mnsterstrase" two).
  EXPECT_EQ(found(index, "Münstrstr"), (std::vector<std::string>{"Münsterstraße:4"}));
  EXPECT_EQ(found(index, "Mnsterstrase"), (std::vector<std::string>{"Münsterstraße:5"}));
  // One edit for 4-7 characters, so two are too many; none under 4.
  EXPECT_TRUE(found(index, "Mnstr").empty());
  EXPECT_EQ(found(index, "Lndenweg"), (std::vector<std::string>{"Lindenweg:4"}));
  EXPECT_TRUE(found(index, "Lxb").empty());
  // Typos come after every other kind of match ("Lindenh" is one letter from "Lindenw").
  EXPECT_EQ(found(index, "Lindenw"),
            (std::vector<std::string>{"Lindenweg:1", "Lindenhorster Straße:4"}));
  EXPECT_TRUE(found(index, "Qwertzuiop").empty());
}

TEST(WasteStreetSearch, TyposOfNamesWithACommonStart) {
  // Names with a common start share the work of the edit distance: each is still measured.
  const StreetIndex index({{"Schulstraße", ""}, {"Schulweg", ""}, {"Schillerweg", ""}});
  EXPECT_EQ(found(index, "Sschu"), (std::vector<std::string>{"Schulstraße:4", "Schulweg:4"}));
  EXPECT_EQ(found(index, "Shcilerweg"), (std::vector<std::string>{"Schillerweg:5"}));
}

// The plain optimal-string-alignment distance of q to the closest start of t.
int reference_distance(const std::string& q, const std::string& t) {
  std::vector<std::vector<int>> d(q.size() + 1, std::vector<int>(t.size() + 1));
  for (std::size_t i = 0; i <= q.size(); ++i) d[i][0] = static_cast<int>(i);
  for (std::size_t j = 0; j <= t.size(); ++j) d[0][j] = static_cast<int>(j);
  for (std::size_t i = 1; i <= q.size(); ++i)
    for (std::size_t j = 1; j <= t.size(); ++j) {
      d[i][j] = std::min(
          {d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (q[i - 1] == t[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && q[i - 1] == t[j - 2] && q[i - 2] == t[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return *std::min_element(d[q.size()].begin(), d[q.size()].end());
}

TEST(WasteStreetSearch, TyposAgreeWithThePlainEditDistance) {
  // Lower-case ASCII names without umlauts, digraphs or "str": their normal form is themselves.
  std::mt19937 rng(20270101);
  const char* stems[] = {"linden", "eichen", "birken", "buchen",   "ahorn", "kastanien",
                         "rosen",  "tulpen", "nelken", "kirch",    "schul", "garten",
                         "wiesen", "berg",   "tal",    "schiller", "kant",  "wilhelm"};
  const char* tails[] = {"", "hof", "feld", "horst", "bach", "kamp", "heide", "brink", "busch"};
  const char* kinds[] = {"weg", "allee", "gasse", "ring", "platz", "pfad"};
  std::vector<StreetIndex::Entry> entries;
  std::set<std::string> seen;
  while (entries.size() < 800) {  // of 18 * 9 * 6 possible
    std::string name = std::string(stems[rng() % 18]) + tails[rng() % 9] + kinds[rng() % 6];
    if (seen.insert(name).second) entries.push_back({name, ""});
  }
  const StreetIndex index(entries);
  int queries = 0;
  for (int round = 0; round < 400; ++round) {
    const std::string& base = entries[rng() % entries.size()].name;
    std::string q = base.substr(0, 4 + rng() % (base.size() - 3));
    for (int edits = static_cast<int>(rng() % 3); edits > 0 && q.size() > 1; --edits) {
      const std::size_t p = rng() % q.size();
      const char c = static_cast<char>('a' + rng() % 26);
      switch (rng() % 4) {
        case 0:
          q.erase(p, 1);
          break;
        case 1:
          q.insert(p, 1, c);
          break;
        case 2:
          q[p] = c;
          break;
        default:
          if (p + 1 < q.size()) std::swap(q[p], q[p + 1]);
      }
    }
    if (q.size() < 4 || normalise_street(q) != q) continue;
    ++queries;
    const int max_edits = q.size() >= 8 ? 2 : 1;
    std::set<std::size_t> other_ranks, typos, expected;
    for (const auto& m : index.search(q, entries.size()))
      (m.rank < 4 ? other_ranks : typos).insert(m.entry);
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (!other_ranks.contains(i) && reference_distance(q, entries[i].name) <= max_edits)
        expected.insert(i);
    EXPECT_EQ(typos, expected) << q;
  }
  EXPECT_GT(queries, 200);
}

TEST(WasteStreetSearch, ShortQueriesAndLimit) {
  const StreetIndex index(sample_streets());
  EXPECT_TRUE(found(index, "H").empty());
  EXPECT_TRUE(found(index, "  .  ").empty());
  EXPECT_TRUE(found(index, "Hauptstraße", 0).empty());
  EXPECT_EQ(found(index, "am"), (std::vector<std::string>{"Am Hauptbahnhof:1", "Am Ölbach:1"}));
  EXPECT_EQ(found(index, "Haupt", 2), (std::vector<std::string>{"Hauptmarkt:1", "Hauptstraße:1"}));
  EXPECT_EQ(found(index, "Haupt", 3),
            (std::vector<std::string>{"Hauptmarkt:1", "Hauptstraße:1", "Alte Hauptstraße:2"}));
  // "B 1" is a street, found whole.
  EXPECT_EQ(found(index, "B 1"), (std::vector<std::string>{"B 1:0"}));
}

TEST(WasteStreetSearch, FindByNormalForm) {
  const StreetIndex index(sample_streets());
  auto at = [&](std::string_view name) -> std::string {
    auto found = index.find(name);
    return found.empty() ? "-" : index.entries()[found.front()].name;
  };
  EXPECT_EQ(at("Hauptstr."), "Hauptstraße");
  EXPECT_EQ(at("hauptstrasse"), "Hauptstraße");
  EXPECT_EQ(at("Am Oelbach"), "Am Ölbach");
  EXPECT_EQ(at("Haupt"), "-");
  EXPECT_EQ(at(""), "-");
  EXPECT_EQ(at("Nirgendwostraße"), "-");
  EXPECT_TRUE(StreetIndex({}).find("Hauptstraße").empty());
  const StreetIndex twice(
      {{"Flughafenstraße", "brackel"}, {"Ring", ""}, {"Flughafenstr.", "scharnhorst"}});
  EXPECT_EQ(twice.find("flughafenstrasse"), (std::vector<std::size_t>{0, 2}));
  EXPECT_TRUE(StreetIndex({}).search("Hauptstraße", 8).empty());
}

TEST(WasteStreetSearch, ManyStreets) {
  // 10,000 synthetic names plus the real one: the search still finds it first.
  std::vector<StreetIndex::Entry> entries;
  const char* stems[] = {"Linden", "Eichen", "Birken", "Buchen", "Ahorn", "Kastanien",
                         "Rosen",  "Tulpen", "Nelken", "Mühlen", "Kirch", "Schul"};
  const char* kinds[] = {"straße", "weg", "allee", "gasse", "ring", "platz"};
  for (int i = 0; entries.size() < 10000; ++i)
    entries.push_back(
        {std::string(stems[i % 12]) + kinds[(i / 12) % 6] + " " + std::to_string(i), ""});
  entries.push_back({"Brückenstraße", ""});
  const StreetIndex index(std::move(entries));
  auto hits = index.search("Brükenstrase", 8);
  ASSERT_FALSE(hits.empty());
  EXPECT_EQ(index.entries()[hits[0].entry].name, "Brückenstraße");
  hits = index.search("Mühlenweg 1", 8);
  ASSERT_EQ(hits.size(), 8u);
  for (const auto& h : hits) EXPECT_EQ(h.rank, 1);
}

}  // namespace
}  // namespace mosaik::modules::waste
