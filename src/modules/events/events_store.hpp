// The events tables: events (one row per event; the validated event as a JSON document plus the
// columns lists filter on) and events_import_feeds (the state of each polled ICS feed).
#pragma once

#include <optional>
#include <vector>

#include "modules/events/event.hpp"
#include "storage/migrations.hpp"
#include "storage/store.hpp"

namespace mosaik::modules::events {

std::vector<storage::Migration> events_migrations();

// Published events (the caller checks publish_at) with an occurrence overlapping
// [from_ms, to_ms).
std::vector<Event> published_events(storage::Transaction& tx, std::int64_t city_id,
                                    std::int64_t from_ms, std::int64_t to_ms);
// Every event of a city, newest id first, with ids below `before_id`, at most `limit`.
std::vector<Event> all_events(storage::Transaction& tx, std::int64_t city_id,
                              std::int64_t before_id, std::size_t limit);
std::optional<Event> find_event(storage::Transaction& tx, std::int64_t city_id, std::int64_t id);
std::optional<Event> find_imported(storage::Transaction& tx, std::int64_t city_id,
                                   std::string_view source, std::string_view uid);

// Stores a new event (e.id is set), or replaces an existing one (by e.id). `zone` computes the
// indexed extent of its occurrences.
void insert_event(storage::Transaction& tx, std::int64_t city_id, Event& e, Zone zone);
void update_event(storage::Transaction& tx, std::int64_t city_id, const Event& e, Zone zone);
// Deletes an event; an imported one is remembered (import_deleted), so that imports of its
// source leave it out from now on.
bool delete_event(storage::Transaction& tx, std::int64_t city_id, std::int64_t id,
                  std::int64_t now);
bool import_deleted(storage::Transaction& tx, std::int64_t city_id, std::string_view source,
                    std::string_view uid);

struct FeedState {
  std::string url;
  std::optional<std::int64_t> last_attempt_at, last_success_at;
  std::string last_error;  // empty: none
  std::int64_t items_seen = 0;
  std::string etag, last_modified;
};
std::vector<FeedState> feed_states(storage::Transaction& tx, std::int64_t city_id);
void save_feed_state(storage::Transaction& tx, std::int64_t city_id, const FeedState& state);

}  // namespace mosaik::modules::events
