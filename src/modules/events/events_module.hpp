// Veranstaltungen: a city's event calendar. Public occurrence lists with filters (date range,
// today, weekend, category, district, free, near a point), event pages with schema.org JSON-LD,
// iCalendar for one event and as a subscribable feed; editors manage events (or an API token with
// events:write), import ICS and CSV files, and have ICS feeds polled (settings: import_feeds).
#pragma once

#include <mutex>

#include "modules/events/event.hpp"
#include "modules/events/events_store.hpp"
#include "platform/identity/audit.hpp"
#include "platform/module.hpp"
#include "shared/fetch.hpp"
#include "shared/read_cache.hpp"

namespace mosaik::modules::events {

// Polls a city's import feeds now (shared::fetch with the last ETag / Last-Modified), imports
// what changed, and records each feed's state. A broken feed records its error; the others go on.
// A feed that created or updated events is audited (events.import, object events_feed) as `actor`.
// `fetch` holds the timeout and the address policy; the validators are added per feed.
std::vector<FeedState> poll_city_feeds(storage::Store& store, const tenants::City& city,
                                       const identity::Actor& actor,
                                       const shared::FetchOptions& fetch);

class EventsModule final : public Module {
 public:
  std::string_view name() const override { return "events"; }
  std::string_view title_de() const override { return "Veranstaltungen"; }
  std::string_view title_en() const override { return "Events"; }
  std::vector<storage::Migration> migrations() const override { return events_migrations(); }
  std::unique_ptr<ModuleRuntime> start(ModuleContext& context) const override;
  // events.import_interval_ms: how often each city's iCalendar import feeds are polled.
  std::vector<ModuleConfigKey> config_keys() const override;
  Result<std::optional<std::string>> load_demo(storage::Store& store,
                                               const tenants::City& city) const override;
  // The subscribable iCalendar feed (events_ics).
  std::vector<PublicFeed> public_feeds(std::string_view city_slug) const override;
  // {"categories": [{"slug", "title": {"de", "en"}}] (1..50, unique slugs; default: a basic
  //  set), "import_feeds": [{"url", "category"?}] (0..20, http(s), category one of the above)}.
  Result<json::object> validate_settings(const json::object& settings) const override;
  // The categories; never the import feeds.
  json::object public_settings(const json::object& settings) const override;
};

// The running events module: the read cache and the feed polls.
class EventsRuntime final : public ModuleRuntime {
 public:
  explicit EventsRuntime(ModuleContext& context) : context_(context) {}
  void register_routes(ModuleRouter& router) override;
  std::vector<Job> jobs() override;

 private:
  ModuleContext& context_;
  std::mutex poll_mutex_;    // one poll of the feeds at a time (job or POST imports/run)
  shared::ReadCache cache_;  // public lists, items and the calendar feed
};

}  // namespace mosaik::modules::events
