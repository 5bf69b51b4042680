#include "modules/waste/street_search.hpp"

#include <algorithm>
#include <array>

#include "modules/waste/waste_model.hpp"
#include "shared/german_text.hpp"

namespace mosaik::modules::waste {

namespace {

// "strasse" -> "str" within a word.
void contract_strasse(std::string& w) {
  for (auto pos = w.find("strasse"); pos != std::string::npos; pos = w.find("strasse", pos + 3))
    w.replace(pos, 7, "str");
}

struct Forms {
  std::string key;                    // normalise_street
  std::string spelled;                // "strasse" written out: what typos are measured against
  std::vector<std::uint32_t> starts;  // where the words after the first begin in key
};

Forms forms_of(std::string_view name) {
  Forms f;
  for (auto& w : shared::german_words(name)) {
    std::string spelled = w;
    contract_strasse(w);
    if (!f.key.empty()) f.starts.push_back(static_cast<std::uint32_t>(f.key.size()));
    f.key += w;
    // "Hauptstr." and "Hauptstraße" spell the same.
    if (spelled.ends_with("str")) spelled += "asse";
    f.spelled += spelled;
  }
  return f;
}

// a-z -> 0-25, 0-9 -> 26-35.
int symbol(char c) {
  return c >= 'a' ? c - 'a' : 26 + (c - '0');
}

std::uint64_t letters_of(std::string_view s) {
  std::uint64_t m = 0;
  for (char c : s) m |= std::uint64_t{1} << symbol(c);
  return m;
}

// The optimal-string-alignment distance (insert, delete, substitute, swap of neighbours) of a
// query to the closest start of names, computed column by column: column j depends only on the
// name's first j characters, so names in sorted order reuse the columns of the characters they
// share with the one before, and once a column is all over the bound every name with that start
// is out of reach. Only the cells within `max` of the diagonal are computed.
constexpr std::size_t kMaxTypoQuery = 64;
class PrefixDistance {
 public:
  // REQUIRES: q.size() <= kMaxTypoQuery, 1 <= max <= 2.
  PrefixDistance(std::string_view q, int max)
      : q_(q), m_(static_cast<int>(q.size())), max_(max), big_(static_cast<std::uint8_t>(max + 1)) {
    for (int i = 0; i <= m_; ++i) cols_[0][static_cast<std::size_t>(i)] = cell(i);
    cols_[0][static_cast<std::size_t>(m_ + 1)] = big_;
    best_[0] = m_ <= max_ ? cell(m_) : big_;
  }

  // The distance of the query to the closest start of `t` (max + 1: further), given that `t`
  // shares its first `common` characters with the previous name asked about.
  int next(std::string_view t, std::size_t common) {
    const int shared = std::min(static_cast<int>(common), done_);
    // Nothing after the column where the previous name went out of reach can come closer: a
    // name with that start has the previous name's distance.
    if (dead_ <= shared) return best_[static_cast<std::size_t>(dead_)];
    dead_ = kAlive;
    const int last = std::min(static_cast<int>(t.size()), m_ + max_);
    int j = shared + 1;
    for (; j <= last; ++j) {
      if (!column(t, j)) {
        dead_ = j;
        break;
      }
    }
    done_ = std::min(j, last);
    return best_[static_cast<std::size_t>(done_)];
  }

 private:
  static constexpr int kAlive = 1 << 20;
  std::uint8_t cell(int v) const { return v <= max_ ? static_cast<std::uint8_t>(v) : big_; }

  // Computes column j (the name's character t[j - 1]); false when every cell is over the bound.
  bool column(std::string_view t, int j) {
    auto& col = cols_[static_cast<std::size_t>(j)];
    const auto& prev = cols_[static_cast<std::size_t>(j - 1)];
    const auto uj = static_cast<std::size_t>(j);
    const int ilo = std::max(0, j - max_);
    const int ihi = std::min(m_, j + max_);
    std::uint8_t low = big_;
    if (ilo == 0) {
      col[0] = cell(j);
      low = col[0];
    } else {
      col[static_cast<std::size_t>(ilo - 1)] = big_;
    }
    const char tc = t[uj - 1];
    for (int i = std::max(1, ilo); i <= ihi; ++i) {
      const auto ui = static_cast<std::size_t>(i);
      const char qc = q_[ui - 1];
      int v = prev[ui - 1] + (qc == tc ? 0 : 1);
      v = std::min(v, prev[ui] + 1);
      v = std::min(v, col[ui - 1] + 1);
      if (i > 1 && j > 1 && qc == t[uj - 2] && q_[ui - 2] == tc)
        v = std::min(v, cols_[uj - 2][ui - 2] + 1);
      col[ui] = v < big_ ? static_cast<std::uint8_t>(v) : big_;
      low = std::min(low, col[ui]);
    }
    col[static_cast<std::size_t>(ihi + 1)] = big_;  // what the next column reads beyond the band
    std::uint8_t best = best_[uj - 1];
    if (ihi == m_ && j >= m_ - max_) best = std::min(best, col[static_cast<std::size_t>(m_)]);
    best_[uj] = best;
    return low <= max_;
  }

  std::string_view q_;
  int m_, max_;
  std::uint8_t big_;
  int done_ = 0;       // columns 0..done_ hold the previous name's start
  int dead_ = kAlive;  // the previous name's first column over the bound
  // cols_[j][i]: the distance of the query's first i characters to the name's first j.
  std::array<std::array<std::uint8_t, kMaxTypoQuery + 2>, kMaxTypoQuery + 3> cols_{};
  // best_[j]: the least distance of the whole query to a start of at most j characters.
  std::array<std::uint8_t, kMaxTypoQuery + 3> best_{};
};

std::string_view trim(std::string_view s) {
  auto junk = [](char c) { return c == ' ' || c == '\t' || c == ',' || c == '\n' || c == '\r'; };
  while (!s.empty() && junk(s.front())) s.remove_prefix(1);
  while (!s.empty() && junk(s.back())) s.remove_suffix(1);
  return s;
}

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

// "12 A" -> "12a": the house number as the address lookup reads it.
std::string compact_house_number(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (is_space(c)) continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

bool all_letters(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
}

}  // namespace

std::string normalise_street(std::string_view name) {
  return forms_of(name).key;
}

// The house number is the last token (or the last two, "12 a") when parse_house_number accepts
// it and what stands before it still has at least 2 characters of normal form (the least a
// search needs). So "Straße des 17. Juni" stays whole ("Juni" is no number), and so does "B 1"
// (a street named with a number: "B" alone would find nothing); "B 1 12" is "B 1", "12".
// A number glued to an abbreviation ("Hauptstr.12") is split at the dot.
TypedAddress split_address(std::string_view text) {
  const std::string_view t = trim(text);
  auto accept = [](std::string_view street, std::string_view number) -> bool {
    street = trim(street);
    return !number.empty() && number.front() >= '0' && number.front() <= '9' &&
           parse_house_number(number) && normalise_street(street).size() >= 2;
  };
  auto split_at = [&](std::size_t pos) -> TypedAddress {
    return {std::string(trim(t.substr(0, pos))), compact_house_number(trim(t.substr(pos)))};
  };
  // The last token and the one before it.
  std::size_t last_begin = t.size();
  while (last_begin > 0 && !is_space(t[last_begin - 1])) --last_begin;
  if (last_begin > 0) {
    std::size_t gap = last_begin;
    while (gap > 0 && is_space(t[gap - 1])) --gap;
    std::size_t prev_begin = gap;
    while (prev_begin > 0 && !is_space(t[prev_begin - 1])) --prev_begin;
    const std::string_view last = t.substr(last_begin);
    // "12 a": a number, then its letter apart.
    if (last.size() <= 2 && all_letters(last) && prev_begin > 0 &&
        accept(t.substr(0, prev_begin), t.substr(prev_begin)))
      return split_at(prev_begin);
    if (accept(t.substr(0, last_begin), last)) return split_at(last_begin);
  }
  // "Hauptstr.12"
  if (const auto dot = t.rfind('.'); dot != std::string_view::npos && dot >= last_begin &&
                                     dot + 1 < t.size() &&
                                     accept(t.substr(0, dot + 1), t.substr(dot + 1)))
    return split_at(dot + 1);
  return {std::string(t), {}};
}

StreetIndex::StreetIndex(std::vector<Entry> entries) : entries_(std::move(entries)) {
  const std::size_t n = entries_.size();
  keys_.reserve(n);
  spelled_.reserve(n);
  letters_.reserve(n);
  word_begin_.reserve(n + 1);
  for (const Entry& e : entries_) {
    Forms f = forms_of(e.name);
    word_begin_.push_back(static_cast<std::uint32_t>(word_starts_.size()));
    word_starts_.insert(word_starts_.end(), f.starts.begin(), f.starts.end());
    letters_.push_back(letters_of(f.key));
    keys_.push_back(std::move(f.key));
    spelled_.push_back(std::move(f.spelled));
  }
  word_begin_.push_back(static_cast<std::uint32_t>(word_starts_.size()));
  by_key_.resize(n);
  for (std::size_t i = 0; i < n; ++i) by_key_[i] = static_cast<std::uint32_t>(i);
  std::stable_sort(by_key_.begin(), by_key_.end(), [&](std::uint32_t a, std::uint32_t b) {
    if (keys_[a] != keys_[b]) return keys_[a] < keys_[b];
    return entries_[a].name < entries_[b].name;
  });
  by_spelled_ = by_key_;
  std::sort(by_spelled_.begin(), by_spelled_.end(),
            [&](std::uint32_t a, std::uint32_t b) { return spelled_[a] < spelled_[b]; });
  spelled_common_.assign(n, 0);
  for (std::size_t pos = 1; pos < n; ++pos) {
    const std::string& a = spelled_[by_spelled_[pos - 1]];
    const std::string& b = spelled_[by_spelled_[pos]];
    std::size_t c = 0;
    while (c < a.size() && c < b.size() && c < 255 && a[c] == b[c]) ++c;
    spelled_common_[pos] = static_cast<std::uint8_t>(c);
  }
  name_rank_.resize(n);
  for (std::size_t pos = 0; pos < n; ++pos)
    name_rank_[by_key_[pos]] = static_cast<std::uint32_t>(pos);
}

std::vector<StreetIndex::Match> StreetIndex::search(std::string_view query,
                                                    std::size_t limit) const {
  std::vector<Match> out;
  if (limit == 0) return out;
  const std::string street = split_address(query).street;
  const Forms qf = forms_of(street);
  const std::string& q = qf.key;
  if (q.size() < 2) return out;
  // "Hauptstra", half typed, is "Hauptstr" (its normal form would keep the "a").
  std::string half_typed;
  for (std::string_view tail : {"strass", "stras", "stra"}) {
    if (q.size() > tail.size() && q.ends_with(tail)) {
      half_typed = q.substr(0, q.size() - tail.size()) + "str";
      break;
    }
  }
  const int max_edits = q.size() >= 8 ? 2 : q.size() >= 4 ? 1 : 0;
  const bool typos = max_edits > 0 && qf.spelled.size() <= kMaxTypoQuery;
  const std::uint64_t q_letters = letters_of(q);
  const std::uint64_t half_letters = letters_of(half_typed);

  // 0 exact, 1 prefix, 2 word prefix, 3 substring; 4 nothing.
  auto rank_of = [&](std::size_t i, std::string_view qq, std::uint64_t qq_letters) -> int {
    if ((qq_letters & ~letters_[i]) != 0) return 4;
    const std::string& key = keys_[i];
    if (key.size() < qq.size()) return 4;
    if (key.starts_with(qq)) return key.size() == qq.size() ? 0 : 1;
    for (std::uint32_t w = word_begin_[i]; w < word_begin_[i + 1]; ++w)
      if (key.compare(word_starts_[w], qq.size(), qq) == 0) return 2;
    return key.find(qq) != std::string::npos ? 3 : 4;
  };

  std::vector<bool> matched(keys_.size());
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    int rank = rank_of(i, q, q_letters);
    if (rank > 0 && !half_typed.empty())
      rank = std::min(rank, rank_of(i, half_typed, half_letters));
    if (rank < 4) {
      out.push_back({i, rank});
      matched[i] = true;
    }
  }
  if (typos) {
    PrefixDistance distance(qf.spelled, max_edits);
    for (std::size_t pos = 0; pos < by_spelled_.size(); ++pos) {
      const std::uint32_t i = by_spelled_[pos];
      // Matched names are measured all the same: the names after them share their columns.
      const int d = distance.next(spelled_[i], spelled_common_[pos]);
      if (d <= max_edits && !matched[i]) out.push_back({i, 3 + std::max(d, 1)});
    }
  }
  auto better = [&](const Match& a, const Match& b) {
    if (a.rank != b.rank) return a.rank < b.rank;
    return name_rank_[a.entry] < name_rank_[b.entry];
  };
  if (out.size() > limit) {
    std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(limit), out.end(),
                      better);
    out.resize(limit);
  } else {
    std::sort(out.begin(), out.end(), better);
  }
  return out;
}

std::vector<std::size_t> StreetIndex::find(std::string_view name) const {
  const std::string key = normalise_street(name);
  std::vector<std::size_t> out;
  if (key.empty()) return out;
  auto it = std::lower_bound(by_key_.begin(), by_key_.end(), key,
                             [&](std::uint32_t i, const std::string& k) { return keys_[i] < k; });
  for (; it != by_key_.end() && keys_[*it] == key; ++it) out.push_back(*it);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace mosaik::modules::waste
