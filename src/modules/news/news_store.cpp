#include "modules/news/news_store.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <span>

#include "core/clock.hpp"

namespace mosaik::modules::news {

namespace {

// Both dialects: only the identity column differs.
constexpr std::string_view kItemsTable =
    " city_id BIGINT NOT NULL REFERENCES cities(id),"
    " title TEXT NOT NULL,"
    " teaser TEXT NOT NULL,"
    " body TEXT NOT NULL,"
    " body_format TEXT NOT NULL,"
    " body_html TEXT NOT NULL,"
    " image_url TEXT NOT NULL,"  // '' for none
    " image_alt TEXT NOT NULL,"
    " category TEXT NOT NULL,"   // '' for none
    " districts TEXT NOT NULL,"  // '|a|b|' ('' for none), so LIKE '%|a|%' finds one
    " source TEXT NOT NULL,"
    " link TEXT NOT NULL,"
    " pinned INTEGER NOT NULL,"
    " published INTEGER NOT NULL,"
    " publish_at BIGINT,"
    " published_at BIGINT,"
    " created_at BIGINT NOT NULL,"
    " updated_at BIGINT NOT NULL,"
    " import_feed TEXT,"
    " import_guid TEXT,"
    " UNIQUE (city_id, import_feed, import_guid));"
    "CREATE INDEX news_items_public ON news_items (city_id, published, pinned, published_at, id);"
    "CREATE TABLE news_import_feeds ("
    " city_id BIGINT NOT NULL REFERENCES cities(id),"
    " url TEXT NOT NULL,"
    " etag TEXT NOT NULL,"
    " last_modified TEXT NOT NULL,"
    " last_attempt_at BIGINT,"
    " last_success_at BIGINT,"
    " last_error TEXT NOT NULL,"
    " items_seen BIGINT NOT NULL,"
    " last_created BIGINT NOT NULL,"
    " last_updated BIGINT NOT NULL,"
    " PRIMARY KEY (city_id, url));"
    // Imported items an editor deleted: the next import must not bring them back.
    "CREATE TABLE news_import_deleted ("
    " city_id BIGINT NOT NULL REFERENCES cities(id),"
    " feed_url TEXT NOT NULL,"
    " guid TEXT NOT NULL,"
    " deleted_at BIGINT NOT NULL,"
    " PRIMARY KEY (city_id, feed_url, guid));";

constexpr std::string_view kColumns =
    "SELECT id, title, teaser, body, body_format, body_html, image_url, image_alt, category, "
    "districts, source, link, pinned, published, publish_at, published_at, created_at, "
    "updated_at, import_feed, import_guid FROM news_items";

std::string join_districts(const std::vector<std::string>& districts) {
  if (districts.empty()) return {};
  std::string out = "|";
  for (const auto& d : districts) out += d + "|";
  return out;
}

std::vector<std::string> split_districts(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    auto bar = text.find('|');
    if (bar != 0) out.emplace_back(text.substr(0, bar));
    if (bar == std::string_view::npos) break;
    text.remove_prefix(bar + 1);
  }
  return out;
}

storage::Value optional_value(const std::optional<std::int64_t>& v) {
  return v ? storage::Value(*v) : storage::null_value();
}

NewsItem from_row(const storage::Row& row) {
  NewsItem item;
  item.id = row.integer(0);
  item.title = row.text(1);
  item.teaser = row.text(2);
  item.body = row.text(3);
  item.body_format =
      row.text(4) == "html" ? shared::TextFormat::html : shared::TextFormat::markdown;
  item.body_html = row.text(5);
  if (!row.text(6).empty()) item.image = shared::ImageRef{row.text(6), row.text(7)};
  item.category = row.text(8);
  item.districts = split_districts(row.text(9));
  item.source = row.text(10);
  item.link = row.text(11);
  item.pinned = row.integer(12) != 0;
  item.published = row.integer(13) != 0;
  item.publish_at = row.opt_integer(14);
  item.published_at = row.opt_integer(15);
  item.created_at = row.integer(16);
  item.updated_at = row.integer(17);
  auto feed = row.opt_text(18);
  auto guid = row.opt_text(19);
  if (feed && guid) item.origin = ImportOrigin{*feed, *guid};
  return item;
}

std::vector<NewsItem> items_of(const storage::Rows& rows) {
  std::vector<NewsItem> out;
  out.reserve(rows.size());
  for (const auto& row : rows.rows) out.push_back(from_row(row));
  return out;
}

// The writable columns' values into out[first .. first + 16), in the order of the UPDATE.
// (Assigned into a fixed array: GCC 12 warns falsely (maybe-uninitialized) when vectors of
// these variants grow.)
void writable_values(const NewsItem& item, std::span<storage::Value> out, std::size_t first) {
  std::size_t i = first;
  out[i++] = item.title;
  out[i++] = item.teaser;
  out[i++] = item.body;
  out[i++] = std::string(format_name(item.body_format));
  out[i++] = item.body_html;
  out[i++] = item.image ? item.image->url : std::string();
  out[i++] = item.image ? item.image->alt : std::string();
  out[i++] = item.category;
  out[i++] = join_districts(item.districts);
  out[i++] = item.source;
  out[i++] = item.link;
  out[i++] = std::int64_t{item.pinned ? 1 : 0};
  out[i++] = std::int64_t{item.published ? 1 : 0};
  out[i++] = optional_value(item.publish_at);
  out[i++] = optional_value(item.published_at);
  out[i++] = item.updated_at;
}

}  // namespace

std::vector<storage::Migration> news_migrations() {
  return {
      storage::portable_migration("news", 1, "news items and feed import state",
                                  "CREATE TABLE news_items ( id {id}," + std::string(kItemsTable))};
}

std::optional<NewsItem> find_item(storage::Transaction& tx, std::int64_t city_id, std::int64_t id) {
  auto row = tx.query_one(std::string(kColumns) + " WHERE city_id = $1 AND id = $2", {city_id, id});
  if (!row) return std::nullopt;
  return from_row(*row);
}

std::optional<NewsItem> find_imported(storage::Transaction& tx, std::int64_t city_id,
                                      const ImportOrigin& origin) {
  auto row = tx.query_one(
      std::string(kColumns) + " WHERE city_id = $1 AND import_feed = $2 AND import_guid = $3",
      {city_id, origin.feed_url, origin.guid});
  if (!row) return std::nullopt;
  return from_row(*row);
}

std::int64_t insert_item(storage::Transaction& tx, std::int64_t city_id, const NewsItem& item) {
  std::array<storage::Value, 20> values;
  writable_values(item, values, 0);
  values[16] = item.created_at;
  values[17] = city_id;
  values[18] = item.origin ? storage::Value(item.origin->feed_url) : storage::null_value();
  values[19] = item.origin ? storage::Value(item.origin->guid) : storage::null_value();
  auto rows = tx.query(
      "INSERT INTO news_items (title, teaser, body, body_format, body_html, image_url, "
      "image_alt, category, districts, source, link, pinned, published, publish_at, "
      "published_at, updated_at, created_at, city_id, import_feed, import_guid) VALUES ($1, $2, "
      "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) "
      "RETURNING id",
      values);
  return rows.rows.at(0).integer(0);
}

bool update_item(storage::Transaction& tx, std::int64_t city_id, const NewsItem& item) {
  std::array<storage::Value, 18> values;
  writable_values(item, values, 0);
  values[16] = city_id;
  values[17] = item.id;
  return tx.execute(
             "UPDATE news_items SET title = $1, teaser = $2, body = $3, body_format = $4, "
             "body_html = $5, image_url = $6, image_alt = $7, category = $8, districts = $9, "
             "source = $10, link = $11, pinned = $12, published = $13, publish_at = $14, "
             "published_at = $15, updated_at = $16 WHERE city_id = $17 AND id = $18",
             values) > 0;
}

bool delete_item(storage::Transaction& tx, std::int64_t city_id, std::int64_t id) {
  auto item = find_item(tx, city_id, id);
  if (!item) return false;
  if (item->origin)
    tx.execute(
        "INSERT INTO news_import_deleted (city_id, feed_url, guid, deleted_at) "
        "VALUES ($1, $2, $3, $4) ON CONFLICT (city_id, feed_url, guid) DO NOTHING",
        {city_id, item->origin->feed_url, item->origin->guid, unix_millis()});
  return tx.execute("DELETE FROM news_items WHERE city_id = $1 AND id = $2", {city_id, id}) > 0;
}

bool import_deleted(storage::Transaction& tx, std::int64_t city_id, const ImportOrigin& origin) {
  return tx
      .query_one(
          "SELECT 1 FROM news_import_deleted WHERE city_id = $1 AND feed_url = $2 AND guid = $3",
          {city_id, origin.feed_url, origin.guid})
      .has_value();
}

std::string encode_position(const PublicPosition& p) {
  return fmt::format("{}|{}|{}", p.pinned ? 1 : 0, p.published_at, p.id);
}

std::optional<PublicPosition> decode_position(std::string_view key) {
  std::int64_t parts[3] = {0, 0, 0};
  for (int i = 0; i < 3; ++i) {
    auto bar = i < 2 ? key.find('|') : key.size();
    if (bar == std::string_view::npos) return std::nullopt;
    auto field = key.substr(0, bar);
    auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), parts[i]);
    if (ec != std::errc() || end != field.data() + field.size() || field.empty())
      return std::nullopt;
    key.remove_prefix(i < 2 ? bar + 1 : bar);
  }
  if (parts[0] != 0 && parts[0] != 1) return std::nullopt;
  return PublicPosition{parts[0] == 1, parts[1], parts[2]};
}

std::vector<NewsItem> list_public(storage::Transaction& tx, std::int64_t city_id,
                                  const PublicQuery& q) {
  std::string sql = std::string(kColumns) +
                    " WHERE city_id = $1 AND published = 1 AND published_at <= $2"
                    " AND ($3 = '' OR category = $3) AND ($4 = '' OR districts LIKE $5)";
  std::vector<storage::Value> params;
  params.emplace_back(city_id);
  params.emplace_back(q.now_ms);
  params.emplace_back(q.category);
  params.emplace_back(q.district);
  params.emplace_back("%|" + q.district + "|%");
  if (q.after && q.pinned_first) {
    // Strictly after the cursor in the list's order.
    sql +=
        " AND (pinned < $6 OR (pinned = $6 AND (published_at < $7 OR (published_at = $7 AND "
        "id < $8))))";
    params.insert(params.end(),
                  {std::int64_t{q.after->pinned ? 1 : 0}, q.after->published_at, q.after->id});
  } else if (q.after) {
    sql += " AND (published_at < $6 OR (published_at = $6 AND id < $7))";
    params.emplace_back(q.after->published_at);
    params.emplace_back(q.after->id);
  }
  sql += q.pinned_first ? " ORDER BY pinned DESC, published_at DESC, id DESC"
                        : " ORDER BY published_at DESC, id DESC";
  sql += fmt::format(" LIMIT {}", q.limit);
  return items_of(tx.query(sql, params));
}

std::optional<std::int64_t> next_publication(storage::Transaction& tx, std::int64_t city_id,
                                             std::int64_t now_ms) {
  auto row = tx.query_one(
      "SELECT MIN(published_at) FROM news_items WHERE city_id = $1 AND published = 1 AND "
      "published_at > $2",
      {city_id, now_ms});
  return row ? row->opt_integer(0) : std::nullopt;
}

std::vector<NewsItem> list_editorial(storage::Transaction& tx, std::int64_t city_id,
                                     std::optional<NewsStatus> status, std::int64_t before_id,
                                     std::size_t limit, std::int64_t now_ms) {
  std::string filter;
  std::vector<storage::Value> params;
  params.emplace_back(city_id);
  params.emplace_back(before_id);
  if (status == NewsStatus::draft) {
    filter = " AND published = 0";
  } else if (status) {
    filter = status == NewsStatus::scheduled ? " AND published = 1 AND published_at > $3"
                                             : " AND published = 1 AND published_at <= $3";
    params.emplace_back(now_ms);
  }
  return items_of(tx.query(std::string(kColumns) + " WHERE city_id = $1 AND id < $2" + filter +
                               fmt::format(" ORDER BY id DESC LIMIT {}", limit),
                           params));
}

std::optional<FeedState> load_feed_state(storage::Transaction& tx, std::int64_t city_id,
                                         const std::string& url) {
  auto row = tx.query_one(
      "SELECT url, etag, last_modified, last_attempt_at, last_success_at, last_error, "
      "items_seen, last_created, last_updated FROM news_import_feeds "
      "WHERE city_id = $1 AND url = $2",
      {city_id, url});
  if (!row) return std::nullopt;
  return FeedState{row->text(0),        row->text(1),        row->text(2),
                   row->opt_integer(3), row->opt_integer(4), row->text(5),
                   row->integer(6),     row->integer(7),     row->integer(8)};
}

void save_feed_state(storage::Transaction& tx, std::int64_t city_id, const FeedState& s) {
  tx.execute(
      "INSERT INTO news_import_feeds (city_id, url, etag, last_modified, last_attempt_at, "
      "last_success_at, last_error, items_seen, last_created, last_updated) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
      "ON CONFLICT (city_id, url) DO UPDATE SET etag = excluded.etag, "
      "last_modified = excluded.last_modified, last_attempt_at = excluded.last_attempt_at, "
      "last_success_at = excluded.last_success_at, last_error = excluded.last_error, "
      "items_seen = excluded.items_seen, last_created = excluded.last_created, "
      "last_updated = excluded.last_updated",
      {city_id, s.url, s.etag, s.last_modified, optional_value(s.last_attempt_at),
       optional_value(s.last_success_at), s.last_error, s.items_seen, s.last_created,
       s.last_updated});
}

}  // namespace mosaik::modules::news
