// The events routes under /api/v1/cities/{city}/events: the public list, an event, the
// subscribable calendar, and the editors' drafts, imports and feeds. Thin handlers over
// events_filter, events_json, the store and the import.
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "http/json_body.hpp"
#include "http/pagination.hpp"
#include "http/path_params.hpp"
#include "http/problem.hpp"
#include "modules/events/events_csv.hpp"
#include "modules/events/events_filter.hpp"
#include "modules/events/events_ical.hpp"
#include "modules/events/events_import.hpp"
#include "modules/events/events_json.hpp"
#include "modules/events/events_module.hpp"
#include "platform/identity/audit.hpp"
#include "platform/tenants/city.hpp"
#include "platform/tenants/city_directory.hpp"
#include "shared/fetch.hpp"
#include "shared/read_cache.hpp"

namespace mosaik::modules::events {

namespace {

// An uploaded ICS or CSV file may be larger than a JSON body.
constexpr std::size_t kMaxImportBytes = 5 << 20;
constexpr std::int64_t kDayMs = 86'400'000;
// The subscribable feed keeps events that ended up to this long ago (calendar apps drop what
// disappears from a feed).
constexpr std::int64_t kFeedHistoryMs = 90 * kDayMs;

Result<std::int64_t> event_id(const http::RequestContext& ctx) {
  auto text = ctx.param("id");
  auto id = http::parse_positive_id(text);
  if (!id) return Error(Errc::not_found, fmt::format("There is no event '{}'", text), "id");
  return *id;
}

Error no_event(const tenants::City& city, std::int64_t id) {
  return Error(Errc::not_found, fmt::format("{} has no event {}", city.name, id), "id");
}

http::Response calendar_response(std::string body, std::string disposition = {}) {
  auto r = http::text_response(200, "text/calendar; charset=utf-8", std::move(body));
  if (!disposition.empty()) r.set_header("Content-Disposition", std::move(disposition));
  return r;
}

http::Response import_failed(const ImportSummary& summary) {
  const auto& first = summary.errors.front();
  auto r = http::problem_response(validation_error(
      "body", fmt::format("{} problem(s), nothing was imported; the first: line {}{}: {}",
                          summary.errors.size(), first.line,
                          first.field.empty() ? "" : " (" + first.field + ")", first.message)));
  auto body = parse_json_object(r.body);
  if (body) {
    auto extra = summary.to_json();
    for (auto& kv : extra) (*body)[kv.key()] = kv.value();
    r.body = json::serialize(*body);
  }
  return r;
}

}  // namespace

std::unique_ptr<ModuleRuntime> EventsModule::start(ModuleContext& context) const {
  return std::make_unique<EventsRuntime>(context);
}

void EventsRuntime::register_routes(ModuleRouter& router) {
  ModuleContext& context = context_;
  storage::Store& store = context.store;
  const tenants::PublicLinks& public_links = context.links;
  const shared::FetchOptions fetch{.allow_private_networks =
                                       context.config.imports.allow_private_networks};
  const std::string base = "/api/v1/cities/{city}/events";

  // The public occurrence list.
  router.add(
      http::Method::get, base,
      shared::cached_read(
          cache_, public_links,
          [&store, &public_links](http::RequestContext& ctx) -> http::Response {
            auto links = Links::of(public_links, ctx);
            auto page = http::parse_page(ctx.request, 20, 200);
            if (!page) return page.error();
            std::optional<std::pair<std::int64_t, std::int64_t>> after;
            if (page->after) {
              after = occurrence_cursor(*page->after);
              if (!after)
                return validation_error("cursor", "The cursor does not belong to this list");
            }
            auto city = CityRules::of(*ctx.city);
            auto now = unix_millis();
            auto filter = read_filter(ctx.request, city, now);
            if (!filter) return filter.error();
            auto events = store.read([&](storage::Transaction& tx) {
              return published_events(tx, ctx.city->id, filter->from_ms, filter->to_ms);
            });
            if (!events) return events.error();
            struct Item {
              Span span;
              const Event* event;
            };
            std::vector<Item> items;
            for (const auto& e : *events) {
              if (!visible(e, now) || !matches(e, *filter)) continue;
              for (const auto& s :
                   occurrences(e.schedule, city.zone, filter->from_ms, filter->to_ms))
                if (!after || std::pair{s.start_ms, e.id} > *after) items.push_back({s, &e});
            }
            std::sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
              return std::pair{a.span.start_ms, a.event->id} <
                     std::pair{b.span.start_ms, b.event->id};
            });
            json::array out;
            for (std::size_t i = 0; i < items.size() && i < page->limit; ++i) {
              auto o = span_json(items[i].span, *items[i].event, city);
              json::object item{{"event", summary_json(*items[i].event, city, links)},
                                {"start", o["start"]},
                                {"end", o["end"]}};
              out.push_back(std::move(item));
            }
            json::value next = nullptr;
            if (items.size() > page->limit) {
              const auto& last = items[page->limit - 1];
              next = http::encode_cursor(fmt::format("{}:{}", last.span.start_ms, last.event->id));
            }
            return http::json_response(200, json::serialize(json::object{{"items", std::move(out)},
                                                                         {"next_cursor", next}}));
          }),
      http::Access::public_, /*blocking=*/true);

  // The subscribable calendar.
  router.add(http::Method::get, base + "/feed.ics",
             shared::cached_read(
                 cache_, public_links,
                 [&store, &public_links](http::RequestContext& ctx) -> http::Response {
                   auto links = Links::of(public_links, ctx);
                   auto city = CityRules::of(*ctx.city);
                   auto now = unix_millis();
                   ListFilter filter;
                   auto category = ctx.request.query_param("category").value_or("");
                   if (!category.empty() && !city.category(category))
                     return validation_error(
                         "category",
                         fmt::format("'{}' is not an event category of {}", category, city.name));
                   filter.category = category;
                   filter.district = ctx.request.query_param("district").value_or("");
                   if (!filter.district.empty() && !city.districts.contains(filter.district))
                     return validation_error("district", fmt::format("'{}' is not a district of {}",
                                                                     filter.district, city.name));
                   if (auto free = ctx.request.query_param("free")) {
                     if (*free != "true" && *free != "false")
                       return validation_error("free", "free must be true or false");
                     filter.free = *free == "true";
                   }
                   auto events = store.read([&](storage::Transaction& tx) {
                     return published_events(tx, ctx.city->id, now - kFeedHistoryMs, INT64_MAX);
                   });
                   if (!events) return events.error();
                   std::vector<Event> shown;
                   for (auto& e : *events)
                     if (visible(e, now) && matches(e, filter)) shown.push_back(std::move(e));
                   auto name = fmt::format("Veranstaltungen {}", ctx.city->name);
                   if (const Category* c = city.category(category)) name += " – " + c->title_de;
                   return calendar_response(write_calendar(shown, city, {name, links.origin}));
                 }),
             http::Access::public_, /*blocking=*/true);

  auto load_visible = [&store](http::RequestContext& ctx) -> Result<Event> {
    auto id = event_id(ctx);
    if (!id) return id.error();
    auto found =
        store.read([&](storage::Transaction& tx) { return find_event(tx, ctx.city->id, *id); });
    if (!found) return found.error();
    if (!*found || !visible(**found, unix_millis())) return no_event(*ctx.city, *id);
    return std::move(**found);
  };

  router.add(http::Method::get, base + "/{id}",
             shared::cached_read(
                 cache_, public_links,
                 [load_visible, &public_links](http::RequestContext& ctx) -> http::Response {
                   auto links = Links::of(public_links, ctx);
                   auto e = load_visible(ctx);
                   if (!e) return e.error();
                   auto city = CityRules::of(*ctx.city);
                   return http::json_response(
                       200, json::serialize(detail_json(*e, city, links, unix_millis())));
                 }),
             http::Access::public_, /*blocking=*/true);

  router.add(
      http::Method::get, base + "/{id}/event.ics",
      [load_visible, &public_links](http::RequestContext& ctx) -> http::Response {
        auto links = Links::of(public_links, ctx);
        auto e = load_visible(ctx);
        if (!e) return e.error();
        auto city = CityRules::of(*ctx.city);
        return calendar_response(
            write_calendar({*e}, city, {e->title, links.origin}),
            fmt::format("attachment; filename=\"veranstaltung-{}.ics\"", e->id));
      },
      http::Access::public_, /*blocking=*/true);

  // Editors.
  router.add(
      http::Method::get, base + "/editorial",
      [&store, &public_links](http::RequestContext& ctx) -> http::Response {
        auto links = Links::of(public_links, ctx);
        auto page = http::parse_page(ctx.request, 50, 200);
        if (!page) return page.error();
        auto before = http::integer_cursor(*page, INT64_MAX);
        if (!before) return before.error();
        auto status = ctx.request.query_param("status").value_or("");
        if (!status.empty() && status != "draft" && status != "scheduled" && status != "published")
          return validation_error("status", "status must be draft, scheduled or published");
        auto city = CityRules::of(*ctx.city);
        auto now = unix_millis();
        json::array items;
        json::value next = nullptr;
        auto cursor = *before;
        // Filtering by the computed status happens here; read in batches until a page is full.
        while (true) {
          auto batch = store.read(
              [&](storage::Transaction& tx) { return all_events(tx, ctx.city->id, cursor, 200); });
          if (!batch) return batch.error();
          for (const auto& e : *batch) {
            cursor = e.id;
            if (!status.empty() && status_name(e, now) != status) continue;
            if (items.size() == page->limit) {
              next =
                  http::encode_cursor(std::to_string(items.back().as_object().at("id").as_int64()));
              break;
            }
            items.push_back(editorial_json(e, city, links, now));
          }
          if (!next.is_null() || batch->size() < 200) break;
        }
        return http::json_response(
            200, json::serialize(json::object{{"items", std::move(items)}, {"next_cursor", next}}));
      },
      http::Access::city_content, true);

  router.add(
      http::Method::get, base + "/editorial/{id}",
      [&store, &public_links](http::RequestContext& ctx) -> http::Response {
        auto links = Links::of(public_links, ctx);
        auto id = event_id(ctx);
        if (!id) return id.error();
        auto found =
            store.read([&](storage::Transaction& tx) { return find_event(tx, ctx.city->id, *id); });
        if (!found) return found.error();
        if (!*found) return no_event(*ctx.city, *id);
        auto city = CityRules::of(*ctx.city);
        return http::json_response(
            200, json::serialize(editorial_json(**found, city, links, unix_millis())));
      },
      http::Access::city_content, true);

  router.add(
      http::Method::post, base,
      shared::invalidating(cache_,
                           [&store, &public_links](http::RequestContext& ctx) -> http::Response {
                             auto links = Links::of(public_links, ctx);
                             auto body = http::json_body(ctx.request);
                             if (!body) return body.error();
                             auto city = CityRules::of(*ctx.city);
                             auto e = parse_event(*body, city);
                             if (!e) return e.error();
                             auto now = unix_millis();
                             e->created_at = e->updated_at = now;
                             auto out = store.write([&](storage::Transaction& tx) {
                               insert_event(tx, ctx.city->id, *e, city.zone);
                               auto after = editorial_json(*e, city, links, now);
                               after.erase("json_ld");
                               after.erase("next_occurrences");
                               identity::record_audit(tx, identity::actor_of(ctx),
                                                      {ctx.city->slug, "events.create", "event",
                                                       std::to_string(e->id), nullptr, after});
                               return editorial_json(*e, city, links, now);
                             });
                             if (!out) return out.error();
                             auto r = http::json_response(201, json::serialize(*out));
                             r.set_header("Location", href_of(*e, city, links));
                             return r;
                           }),
      http::Access::city_content, true);

  router.add(http::Method::put, base + "/{id}",
             shared::invalidating(
                 cache_,
                 [&store, &public_links](http::RequestContext& ctx) -> http::Response {
                   auto links = Links::of(public_links, ctx);
                   auto id = event_id(ctx);
                   if (!id) return id.error();
                   auto body = http::json_body(ctx.request);
                   if (!body) return body.error();
                   auto city = CityRules::of(*ctx.city);
                   auto e = parse_event(*body, city);
                   if (!e) return e.error();
                   auto now = unix_millis();
                   auto out = store.write([&](storage::Transaction& tx) -> json::object {
                     auto old = find_event(tx, ctx.city->id, *id);
                     if (!old) throw no_event(*ctx.city, *id);
                     e->id = *id;
                     e->created_at = old->created_at;
                     e->updated_at = now;
                     e->import_source = old->import_source;
                     e->import_uid = old->import_uid;
                     update_event(tx, ctx.city->id, *e, city.zone);
                     auto brief = [&](const Event& x) {
                       auto j = editorial_json(x, city, links, now);
                       j.erase("json_ld");
                       j.erase("next_occurrences");
                       return j;
                     };
                     identity::record_audit(tx, identity::actor_of(ctx),
                                            {ctx.city->slug, "events.update", "event",
                                             std::to_string(*id), brief(*old), brief(*e)});
                     return editorial_json(*e, city, links, now);
                   });
                   if (!out) return out.error();
                   return http::json_response(200, json::serialize(*out));
                 }),
             http::Access::city_content, true);

  router.add(
      http::Method::delete_, base + "/{id}",
      shared::invalidating(cache_,
                           [&store, &public_links](http::RequestContext& ctx) -> http::Response {
                             auto links = Links::of(public_links, ctx);
                             auto id = event_id(ctx);
                             if (!id) return id.error();
                             auto city = CityRules::of(*ctx.city);
                             auto now = unix_millis();
                             auto done = store.write([&](storage::Transaction& tx) {
                               auto old = find_event(tx, ctx.city->id, *id);
                               if (!old) throw no_event(*ctx.city, *id);
                               delete_event(tx, ctx.city->id, *id, now);
                               auto before = editorial_json(*old, city, links, now);
                               before.erase("json_ld");
                               before.erase("next_occurrences");
                               identity::record_audit(tx, identity::actor_of(ctx),
                                                      {ctx.city->slug, "events.delete", "event",
                                                       std::to_string(*id), before, nullptr});
                             });
                             if (!done) return done.error();
                             return http::no_content();
                           }),
      http::Access::city_content, true);

  router
      .add(http::Method::post, base + "/import",
           shared::invalidating(
               cache_,
               [&store](http::RequestContext& ctx) -> http::Response {
                 auto type = ctx.request.header("Content-Type");
                 type = type.substr(0, type.find(';'));
                 while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
                 bool ics = http::iequals(type, "text/calendar");
                 bool csv = http::iequals(type, "text/csv");
                 if (!ics && !csv)
                   return Error(Errc::unsupported_media_type,
                                "Send the events as text/calendar (iCalendar) or text/csv");
                 auto dry = ctx.request.query_param("dry_run").value_or("false");
                 if (dry != "true" && dry != "false")
                   return validation_error("dry_run", "dry_run must be true or false");
                 bool dry_run = dry == "true";
                 auto city = CityRules::of(*ctx.city);
                 auto category = ctx.request.query_param("category").value_or("");
                 if (!category.empty() && !city.category(category))
                   return validation_error(
                       "category",
                       fmt::format("'{}' is not an event category of {}", category, city.name));
                 auto text = ctx.request.body;
                 if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
                   return validation_error("body", "The body is empty");
                 if (!is_clean_utf8(text))
                   return validation_error(
                       "body", "The body must be UTF-8 text without control characters");
                 auto parsed =
                     ics ? parse_ics(text, city, category) : parse_csv(text, city, category);
                 ImportSummary summary;
                 summary.errors = parsed.errors;
                 auto items = check_items(parsed, city, summary.errors);
                 if (!summary.errors.empty()) return import_failed(summary);
                 auto now = unix_millis();
                 const std::string source = "upload";
                 Result<void> done =
                     dry_run
                         ? store.transact(storage::Access::read,
                                          [&](storage::Transaction& tx) {
                                            apply_items(tx, ctx.city->id, city, source, items,
                                                        false, now, summary);
                                          })
                         : store.transact(storage::Access::write, [&](storage::Transaction& tx) {
                             apply_items(tx, ctx.city->id, city, source, items, true, now, summary);
                             auto after = summary.to_json();
                             after.erase("errors");
                             after["format"] = ics ? "text/calendar" : "text/csv";
                             identity::record_audit(tx, identity::actor_of(ctx),
                                                    {ctx.city->slug, "events.import", "events",
                                                     ctx.city->slug, nullptr, after});
                           });
                 if (!done) return done.error();
                 return http::json_response(200, json::serialize(summary.to_json()));
               }),
           http::Access::city_content, true)
      .options.max_body_bytes = kMaxImportBytes;

  router.add(
      http::Method::get, base + "/imports",
      [&store](http::RequestContext& ctx) -> http::Response {
        auto states =
            store.read([&](storage::Transaction& tx) { return feed_states(tx, ctx.city->id); });
        if (!states) return states.error();
        return http::json_response(200, json::serialize(feeds_json(*states, *ctx.city)));
      },
      http::Access::city_content, true);

  router.add(http::Method::post, base + "/imports/run",
             shared::invalidating(
                 cache_,
                 [this, &store, fetch](http::RequestContext& ctx) -> http::Response {
                   std::vector<FeedState> states;
                   {
                     std::lock_guard lock(poll_mutex_);
                     states = poll_city_feeds(store, *ctx.city, identity::actor_of(ctx), fetch);
                   }
                   return http::json_response(200, json::serialize(feeds_json(states, *ctx.city)));
                 }),
             http::Access::city_content, true);
}

}  // namespace mosaik::modules::events
