#include "modules/events/events_store.hpp"

#include <fmt/format.h>

namespace mosaik::modules::events {

std::vector<storage::Migration> events_migrations() {
  constexpr std::string_view feeds =
      "CREATE TABLE events_import_feeds ("
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " url TEXT NOT NULL,"
      " last_attempt_at BIGINT,"
      " last_success_at BIGINT,"
      " last_error TEXT NOT NULL,"
      " items_seen BIGINT NOT NULL,"
      " etag TEXT NOT NULL,"
      " last_modified TEXT NOT NULL,"
      " PRIMARY KEY (city_id, url));";
  constexpr std::string_view events =
      "CREATE TABLE events ("
      " id {id},"
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " doc TEXT NOT NULL,"
      " status TEXT NOT NULL,"
      " first_start_at BIGINT NOT NULL,"
      " last_end_at BIGINT NOT NULL,"
      " created_at BIGINT NOT NULL,"
      " updated_at BIGINT NOT NULL,"
      " import_source TEXT,"
      " import_uid TEXT,"
      " UNIQUE (city_id, import_source, import_uid));"
      "CREATE INDEX events_window ON events (city_id, status, first_start_at, last_end_at);";
  // An imported event an editor deleted: later imports of the same source and UID leave it out.
  constexpr std::string_view deleted =
      "CREATE TABLE events_import_deleted ("
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " import_source TEXT NOT NULL,"
      " import_uid TEXT NOT NULL,"
      " deleted_at BIGINT NOT NULL,"
      " PRIMARY KEY (city_id, import_source, import_uid));";
  return {storage::portable_migration("events", 1, "events and import feed state",
                                      std::string(events) + std::string(feeds)),
          {"events", 2, "deleted imported events stay deleted", std::string(deleted),
           std::string(deleted)}};
}

namespace {

constexpr std::string_view kColumns =
    "SELECT id, doc, created_at, updated_at, import_source, import_uid FROM events";

Event from_row(const storage::Row& row) {
  auto doc = parse_json_object(row.text(1));
  Event e = doc ? event_from_doc(*doc) : Event{};
  e.id = row.integer(0);
  e.created_at = row.integer(2);
  e.updated_at = row.integer(3);
  e.import_source = row.opt_text(4).value_or("");
  e.import_uid = row.opt_text(5).value_or("");
  return e;
}

std::vector<Event> from_rows(const storage::Rows& rows) {
  std::vector<Event> out;
  out.reserve(rows.size());
  for (const auto& row : rows.rows) out.push_back(from_row(row));
  return out;
}

storage::Value opt(const std::string& s) {
  return s.empty() ? storage::null_value() : storage::Value(s);
}

}  // namespace

std::vector<Event> published_events(storage::Transaction& tx, std::int64_t city_id,
                                    std::int64_t from_ms, std::int64_t to_ms) {
  return from_rows(tx.query(std::string(kColumns) +
                                " WHERE city_id = $1 AND status = 'published' AND "
                                "first_start_at < $2 AND last_end_at > $3 ORDER BY id",
                            {city_id, to_ms, from_ms}));
}

std::vector<Event> all_events(storage::Transaction& tx, std::int64_t city_id,
                              std::int64_t before_id, std::size_t limit) {
  return from_rows(
      tx.query(std::string(kColumns) + " WHERE city_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3",
               {city_id, before_id, static_cast<std::int64_t>(limit)}));
}

std::optional<Event> find_event(storage::Transaction& tx, std::int64_t city_id, std::int64_t id) {
  auto row = tx.query_one(std::string(kColumns) + " WHERE city_id = $1 AND id = $2", {city_id, id});
  if (!row) return std::nullopt;
  return from_row(*row);
}

std::optional<Event> find_imported(storage::Transaction& tx, std::int64_t city_id,
                                   std::string_view source, std::string_view uid) {
  auto row = tx.query_one(
      std::string(kColumns) + " WHERE city_id = $1 AND import_source = $2 AND import_uid = $3",
      {city_id, std::string(source), std::string(uid)});
  if (!row) return std::nullopt;
  return from_row(*row);
}

void insert_event(storage::Transaction& tx, std::int64_t city_id, Event& e, Zone zone) {
  auto [first, last] = extent(e.schedule, zone);
  auto row = tx.query_one(
      "INSERT INTO events (city_id, doc, status, first_start_at, last_end_at, created_at, "
      "updated_at, import_source, import_uid) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
      "RETURNING id",
      {city_id, json::serialize(event_to_doc(e)),
       std::string(e.status == Status::published ? "published" : "draft"), first, last,
       e.created_at, e.updated_at, opt(e.import_source), opt(e.import_uid)});
  e.id = row->integer(0);
}

void update_event(storage::Transaction& tx, std::int64_t city_id, const Event& e, Zone zone) {
  auto [first, last] = extent(e.schedule, zone);
  tx.execute(
      "UPDATE events SET doc = $3, status = $4, first_start_at = $5, last_end_at = $6, "
      "updated_at = $7 WHERE city_id = $1 AND id = $2",
      {city_id, e.id, json::serialize(event_to_doc(e)),
       std::string(e.status == Status::published ? "published" : "draft"), first, last,
       e.updated_at});
}

bool delete_event(storage::Transaction& tx, std::int64_t city_id, std::int64_t id,
                  std::int64_t now) {
  tx.execute(
      "INSERT INTO events_import_deleted (city_id, import_source, import_uid, deleted_at) "
      "SELECT city_id, import_source, import_uid, $3 FROM events "
      "WHERE city_id = $1 AND id = $2 AND import_source IS NOT NULL AND import_uid IS NOT NULL "
      "ON CONFLICT DO NOTHING",
      {city_id, id, now});
  return tx.execute("DELETE FROM events WHERE city_id = $1 AND id = $2", {city_id, id}) > 0;
}

bool import_deleted(storage::Transaction& tx, std::int64_t city_id, std::string_view source,
                    std::string_view uid) {
  return tx
      .query_one(
          "SELECT 1 FROM events_import_deleted WHERE city_id = $1 AND import_source = $2 "
          "AND import_uid = $3",
          {city_id, std::string(source), std::string(uid)})
      .has_value();
}

std::vector<FeedState> feed_states(storage::Transaction& tx, std::int64_t city_id) {
  std::vector<FeedState> out;
  for (const auto& row :
       tx.query("SELECT url, last_attempt_at, last_success_at, last_error, items_seen, etag, "
                "last_modified FROM events_import_feeds WHERE city_id = $1 ORDER BY url",
                {city_id})
           .rows)
    out.push_back({row.text(0), row.opt_integer(1), row.opt_integer(2), row.text(3), row.integer(4),
                   row.text(5), row.text(6)});
  return out;
}

void save_feed_state(storage::Transaction& tx, std::int64_t city_id, const FeedState& s) {
  auto opt_int = [](const std::optional<std::int64_t>& v) {
    return v ? storage::Value(*v) : storage::null_value();
  };
  tx.execute(
      "INSERT INTO events_import_feeds (city_id, url, last_attempt_at, last_success_at, "
      "last_error, items_seen, etag, last_modified) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
      "ON CONFLICT (city_id, url) DO UPDATE SET last_attempt_at = excluded.last_attempt_at, "
      "last_success_at = excluded.last_success_at, last_error = excluded.last_error, "
      "items_seen = excluded.items_seen, etag = excluded.etag, "
      "last_modified = excluded.last_modified",
      {city_id, s.url, opt_int(s.last_attempt_at), opt_int(s.last_success_at), s.last_error,
       s.items_seen, s.etag, s.last_modified});
}

}  // namespace mosaik::modules::events
