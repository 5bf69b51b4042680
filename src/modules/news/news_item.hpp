// A news item of a city, the news settings of a city, and their JSON forms: the typed structs
// every request body is read into before any logic runs, with the limits of the contract.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "platform/tenants/city.hpp"
#include "shared/media.hpp"
#include "shared/rich_text.hpp"

namespace mosaik::modules::news {

inline constexpr std::size_t kMaxTitleBytes = 200;
inline constexpr std::size_t kMaxTeaserBytes = 500;
inline constexpr std::size_t kMaxBodyBytes = 50'000;
inline constexpr std::size_t kMaxSourceBytes = 200;
inline constexpr std::size_t kMaxLinkBytes = 1000;
inline constexpr std::size_t kMaxDistricts = 50;
// A teaser made from the body when the editor (or the feed) gives none, in code points.
inline constexpr std::size_t kDerivedTeaserChars = 300;

struct Category {
  std::string slug;
  std::string title_de, title_en;
};

struct ImportFeed {
  std::string url;       // http(s)
  std::string category;  // a slug of the city's categories; empty: none
};

// The module settings of a city (modules.news.settings of the city document).
struct NewsSettings {
  std::vector<Category> categories;
  std::vector<ImportFeed> import_feeds;  // not public
  const Category* category(std::string_view slug) const;
};

// Strict: {"categories": [...] (absent: none; else 1..50, unique slugs), "import_feeds": [...]
// (0..20, unique http(s) URLs, optional category among the categories)}.
// Errors: validation_failed naming the field ("categories[2].slug").
Result<NewsSettings> parse_news_settings(const json::object& settings);
// The normalised document; `with_private` adds import_feeds.
json::object news_settings_json(const NewsSettings& settings, bool with_private);
// The settings of a city that enabled news (they were validated when the city was saved).
NewsSettings settings_of(const tenants::City& city);

// What an editor sends for POST /news and PUT /news/{id}.
struct NewsInput {
  std::string title;
  std::string teaser;  // may be empty: derived from the body
  std::string body;
  shared::TextFormat body_format = shared::TextFormat::markdown;
  std::optional<shared::ImageRef> image;
  std::string category;  // empty: none
  std::vector<std::string> districts;
  std::string source;
  std::string link;
  bool pinned = false;
  bool published = false;                  // "status": "published" (else "draft")
  std::optional<std::int64_t> publish_at;  // Unix ms; in the future: scheduled
};

// Errors: validation_failed with the field: unknown keys, limits, a category the city does not
// have, a district the city does not have, a publish_at that is not RFC 3339 with an offset.
Result<NewsInput> parse_news_input(const json::object& body, const tenants::City& city,
                                   const NewsSettings& settings);

enum class NewsStatus { draft, scheduled, published };
std::string_view to_string(NewsStatus status) noexcept;
std::optional<NewsStatus> parse_status(std::string_view text) noexcept;

// Where an imported item came from.
struct ImportOrigin {
  std::string feed_url;
  std::string guid;
};

// A stored item.
struct NewsItem {
  std::int64_t id = 0;
  std::string title;
  std::string teaser;
  std::string body;  // the source as written (Markdown or HTML)
  shared::TextFormat body_format = shared::TextFormat::markdown;
  std::string body_html;  // shared::to_safe_html of body
  std::optional<shared::ImageRef> image;
  std::string category;  // empty: none
  std::vector<std::string> districts;
  std::string source;
  std::string link;
  bool pinned = false;
  bool published = false;                    // stored status: published (true) or draft
  std::optional<std::int64_t> publish_at;    // as requested by the editor
  std::optional<std::int64_t> published_at;  // when it is (or becomes) public; set if published
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::optional<ImportOrigin> origin;

  NewsStatus status(std::int64_t now_ms) const noexcept;
  bool visible(std::int64_t now_ms) const noexcept {
    return status(now_ms) == NewsStatus::published;
  }
};

// Applies an editor's input to an item (new: id 0), deriving the rendered body, the teaser and
// the publication time at `now_ms`: published without publish_at keeps an earlier publication
// time, or is published now.
void apply_input(NewsItem& item, NewsInput input, std::int64_t now_ms);

// Links in JSON are prefixed with `link_prefix` (tenants::PublicLinks::api_prefix; may be empty:
// root-relative).
json::object public_json(const NewsItem& item, const tenants::City& city,
                         std::string_view link_prefix);
json::object editorial_json(const NewsItem& item, const tenants::City& city,
                            std::string_view link_prefix, std::int64_t now_ms);

std::string_view format_name(shared::TextFormat format) noexcept;

}  // namespace mosaik::modules::news
