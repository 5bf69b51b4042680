// The news tables and every statement on them (one text for SQLite and PostgreSQL, see
// storage/store.hpp). Functions take the caller's transaction and throw like its statements.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "modules/news/news_item.hpp"
#include "storage/migrations.hpp"
#include "storage/store.hpp"

namespace mosaik::modules::news {

std::vector<storage::Migration> news_migrations();

std::optional<NewsItem> find_item(storage::Transaction& tx, std::int64_t city_id, std::int64_t id);
std::optional<NewsItem> find_imported(storage::Transaction& tx, std::int64_t city_id,
                                      const ImportOrigin& origin);
// Stores a new item (item.id is ignored) and returns its id.
std::int64_t insert_item(storage::Transaction& tx, std::int64_t city_id, const NewsItem& item);
// Replaces the stored item with the same id. Returns false when there is none.
bool update_item(storage::Transaction& tx, std::int64_t city_id, const NewsItem& item);
// Deletes an item; an imported one is remembered (import_deleted) so that the next import of
// its feed does not bring it back.
bool delete_item(storage::Transaction& tx, std::int64_t city_id, std::int64_t id);
bool import_deleted(storage::Transaction& tx, std::int64_t city_id, const ImportOrigin& origin);

// The public order: pinned first, then newest publication first, then newest id.
struct PublicPosition {
  bool pinned = false;
  std::int64_t published_at = 0;
  std::int64_t id = 0;
};
std::string encode_position(const PublicPosition& p);
std::optional<PublicPosition> decode_position(std::string_view key);

struct PublicQuery {
  std::string category;  // empty: all
  std::string district;  // empty: all
  std::optional<PublicPosition> after;
  std::size_t limit = 20;  // rows returned: at most limit
  std::int64_t now_ms = 0;
  bool pinned_first = true;  // false: newest first only (feeds)
};
// Items visible at now_ms (published, publication time passed).
std::vector<NewsItem> list_public(storage::Transaction& tx, std::int64_t city_id,
                                  const PublicQuery& query);

// The earliest publication time after now_ms of a city's scheduled items, if any.
std::optional<std::int64_t> next_publication(storage::Transaction& tx, std::int64_t city_id,
                                             std::int64_t now_ms);

// Every item of a city in any status, newest id first, below `before_id`.
std::vector<NewsItem> list_editorial(storage::Transaction& tx, std::int64_t city_id,
                                     std::optional<NewsStatus> status, std::int64_t before_id,
                                     std::size_t limit, std::int64_t now_ms);

// The import state of one feed of a city.
struct FeedState {
  std::string url;
  std::string etag, last_modified;  // validators of the last successful fetch
  std::optional<std::int64_t> last_attempt_at, last_success_at;
  std::string last_error;  // empty: the last attempt succeeded
  std::int64_t items_seen = 0;
  std::int64_t last_created = 0, last_updated = 0;
};
std::optional<FeedState> load_feed_state(storage::Transaction& tx, std::int64_t city_id,
                                         const std::string& url);
void save_feed_state(storage::Transaction& tx, std::int64_t city_id, const FeedState& state);

}  // namespace mosaik::modules::news
