// Importing a city's existing newsroom: its RSS 2.0 / Atom 1.0 feeds (module setting
// import_feeds) are fetched with conditional GETs, parsed with pugixml, sanitised, and their
// entries created or updated by (city, feed, guid) — never duplicated. Each feed's outcome is
// kept in news_import_feeds; a broken feed records its error and the others go on.
#pragma once

#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "modules/news/news_item.hpp"
#include "modules/news/news_store.hpp"
#include "platform/identity/audit.hpp"
#include "shared/fetch.hpp"

namespace mosaik::modules::news {

// One entry of a feed, before it becomes an item.
struct FeedEntry {
  std::string guid;  // RSS guid, Atom id; else the link
  std::string title;
  std::string link;
  std::string summary_html;  // RSS description, Atom summary (as HTML)
  std::string content_html;  // content:encoded, Atom content (as HTML); may be empty
  std::optional<std::int64_t> published;
  std::string image_url;  // https only; may be empty
};

struct ParsedFeed {
  std::string title;
  std::vector<FeedEntry> entries;
  std::size_t skipped = 0;  // entries without guid, link or title
};

inline constexpr std::size_t kMaxFeedEntries = 500;

// Errors: validation_failed with a message for a reader of the console ("not well-formed XML
// at offset 120: ...", "neither RSS 2.0 nor Atom 1.0").
Result<ParsedFeed> parse_feed(std::string_view xml);

// Turns an entry into the item stored for it (new, or `existing` updated); keeps what editors
// decide (status, pinned, districts) of an existing item.
NewsItem item_from_entry(const FeedEntry& entry, const ImportFeed& feed, const std::string& source,
                         const std::optional<NewsItem>& existing, std::int64_t now_ms);

struct ImportStatus {
  ImportFeed feed;
  std::optional<FeedState> state;  // nullopt: never attempted
};

// The state of each configured feed of a city, in the order of the settings.
Result<std::vector<ImportStatus>> import_status(storage::Store& store, const tenants::City& city);
json::object import_status_json(const std::vector<ImportStatus>& status, const tenants::City& city);

// Polls every import feed of `city` now. Audited as news.import (one entry per feed that
// changed items). Runs of the same importer never overlap. Errors only for the database; feed
// failures are recorded in the state.
class NewsImporter {
 public:
  // `fetch`: timeout and address policy for every feed (the validators are added per feed).
  NewsImporter(storage::Store& store, shared::FetchOptions fetch)
      : store_(store), fetch_(std::move(fetch)) {}
  Result<void> run(const tenants::City& city, const identity::Actor& actor);

 private:
  void run_feed(const tenants::City& city, const ImportFeed& feed, const identity::Actor& actor);
  storage::Store& store_;
  shared::FetchOptions fetch_;
  std::mutex running_;
};

// The actor of the background job in the audit log.
identity::Actor import_job_actor();

}  // namespace mosaik::modules::news
