// The city's news as RSS 2.0 and Atom 1.0 (RFC 4287), written with pugixml (which escapes
// everything; no XML is put together by hand). Links are absolute.
#pragma once

#include <string>
#include <vector>

#include "modules/news/news_item.hpp"

namespace mosaik::modules::news {

struct FeedContext {
  const tenants::City& city;
  const NewsSettings& settings;
  std::string base_url;      // absolute, without trailing slash: "https://app.stadt.example"
  std::string self_url;      // the feed's own absolute URL (with its query)
  const Category* category;  // the feed's category filter, or null
  std::int64_t now_ms = 0;   // lastBuildDate / updated when there are no items
};

inline constexpr std::size_t kFeedItems = 50;

// `items` newest first, all visible.
std::string write_rss(const FeedContext& feed, const std::vector<NewsItem>& items);
std::string write_atom(const FeedContext& feed, const std::vector<NewsItem>& items);

}  // namespace mosaik::modules::news
