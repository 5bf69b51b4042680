#include "modules/news/news_module.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "core/clock.hpp"
#include "http/json_body.hpp"
#include "http/pagination.hpp"
#include "http/path_params.hpp"
#include "modules/news/news_feeds.hpp"
#include "modules/news/news_store.hpp"
#include "platform/identity/audit.hpp"
#include "platform/tenants/city_directory.hpp"

namespace mosaik::modules::news {

namespace {

constexpr std::size_t kDefaultPage = 20;
constexpr std::size_t kMaxPage = 100;
constexpr auto kFetchTimeout = std::chrono::seconds(10);

// Like the identity routes: a malformed id is a bad parameter, a well-formed unknown one 404.
Error bad_id(std::string_view id) {
  return validation_error("id", fmt::format("'{}' is not a positive whole number", id));
}

Error no_such_item(const tenants::City& city, std::string_view id) {
  return Error(Errc::not_found, fmt::format("{} has no news item {}", city.name, id), "id");
}

// Absolute links for feeds: the configured public URL, else the address the client used.
struct Filters {
  std::string category, district;
};

Result<Filters> read_filters(const http::RequestContext& ctx, const NewsSettings& settings,
                             bool with_district) {
  Filters f;
  f.category = ctx.request.query_param("category").value_or("");
  if (!f.category.empty() && !settings.category(f.category))
    return validation_error(
        "category", fmt::format("'{}' is not a news category of {}", f.category, ctx.city->name));
  if (with_district) {
    f.district = ctx.request.query_param("district").value_or("");
    if (!f.district.empty() && !ctx.city->district(f.district))
      return validation_error(
          "district", fmt::format("'{}' is not a district of {}", f.district, ctx.city->name));
  }
  return f;
}

json::object audit_view(const NewsItem& item, const tenants::City& city, std::int64_t now) {
  auto view = editorial_json(item, city, "", now);
  // The rendered HTML follows from the source; the log keeps the source only.
  view.erase("body_html");
  return view;
}

}  // namespace

std::vector<storage::Migration> NewsModule::migrations() const {
  return news_migrations();
}

Result<json::object> NewsModule::validate_settings(const json::object& settings) const {
  auto parsed = parse_news_settings(settings);
  if (!parsed) return std::move(parsed).error();
  return news_settings_json(*parsed, /*with_private=*/true);
}

json::object NewsModule::public_settings(const json::object& settings) const {
  auto parsed = parse_news_settings(settings);
  return news_settings_json(parsed ? *parsed : NewsSettings{}, /*with_private=*/false);
}

std::vector<PublicFeed> NewsModule::public_feeds(std::string_view city_slug) const {
  return {{"news_rss", fmt::format("/api/v1/cities/{}/news/feed.rss", city_slug),
           "application/rss+xml", "Nachrichten (RSS)", "News (RSS)"},
          {"news_atom", fmt::format("/api/v1/cities/{}/news/feed.atom", city_slug),
           "application/atom+xml", "Nachrichten (Atom)", "News (Atom)"}};
}

NewsImporter& NewsRuntime::importer() {
  ModuleContext& context = context_;
  if (!importer_)
    importer_ = std::make_unique<NewsImporter>(
        context.store, shared::FetchOptions{.timeout = kFetchTimeout,
                                            .allow_private_networks =
                                                context.config.imports.allow_private_networks});
  return *importer_;
}

std::vector<Job> NewsRuntime::jobs() {
  ModuleContext& context = context_;
  NewsImporter& importer = this->importer();
  tenants::CityDirectory& cities = context.cities;
  shared::ReadCache* cache = &cache_;
  return {{"import feeds", context.config.duration("news.import_interval_ms"),
           [&importer, &cities, cache] {
             auto snapshot = cities.snapshot();
             for (const auto& city : snapshot->cities) {
               if (!city->module_enabled("news") || settings_of(*city).import_feeds.empty())
                 continue;
               if (auto r = importer.run(*city, import_job_actor()); !r)
                 spdlog::warn("news import for {}: {}", city->slug, r.error().detail());
               cache->invalidate(city->id);
             }
           }}};
}

std::vector<ModuleConfigKey> NewsModule::config_keys() const {
  return {{"news.import_interval_ms", ModuleConfigKey::Kind::whole_number, 1'000, 7 * 86'400'000LL,
           "900000"}};
}

std::unique_ptr<ModuleRuntime> NewsModule::start(ModuleContext& context) const {
  return std::make_unique<NewsRuntime>(context);
}

void NewsRuntime::register_routes(ModuleRouter& router) {
  ModuleContext& context = context_;
  storage::Store& store = context.store;
  const tenants::PublicLinks& links = context.links;
  NewsImporter& importer = this->importer();
  shared::ReadCache* cache = &cache_;
  const std::string base = "/api/v1/cities/{city}/news";

  router.add(
      http::Method::get, base,
      [&store, &links, cache](http::RequestContext& ctx) -> http::Response {
        const tenants::City& city = *ctx.city;
        auto now = unix_millis();
        auto key = shared::cache_key(links, ctx, "list");
        if (auto hit = cache->get(city.id, key, now)) return http::entity_response(hit);
        auto settings = settings_of(city);
        auto page = http::parse_page(ctx.request, kDefaultPage, kMaxPage);
        if (!page) return page.error();
        auto filters = read_filters(ctx, settings, /*with_district=*/true);
        if (!filters) return filters.error();
        PublicQuery q{.category = filters->category,
                      .district = filters->district,
                      .limit = page->limit + 1,
                      .now_ms = now};
        if (page->after) {
          q.after = decode_position(*page->after);
          if (!q.after)
            return validation_error("cursor", "The cursor does not belong to this list");
        }
        std::optional<std::int64_t> next_due;
        auto items = store.read([&](storage::Transaction& tx) {
          next_due = next_publication(tx, city.id, now);
          return list_public(tx, city.id, q);
        });
        if (!items) return items.error();
        json::array out;
        json::value next = nullptr;
        for (std::size_t i = 0; i < items->size() && i < page->limit; ++i)
          out.push_back(public_json((*items)[i], city, links.api_prefix(ctx)));
        if (items->size() > page->limit) {
          const auto& last = (*items)[page->limit - 1];
          next = http::encode_cursor(
              encode_position({last.pinned, last.published_at.value_or(0), last.id}));
        }
        auto entity = http::make_entity(
            "application/json",
            json::serialize(json::object{{"items", std::move(out)}, {"next_cursor", next}}));
        cache->put(city.id, key, entity, now, next_due);
        return http::entity_response(entity);
      },
      http::Access::public_, /*blocking=*/true);

  auto feed_route = [&store, &links, cache](bool atom) {
    return [&store, &links, cache, atom](http::RequestContext& ctx) -> http::Response {
      const tenants::City& city = *ctx.city;
      auto now = unix_millis();
      auto base_url = links.origin(ctx);
      auto key = shared::cache_key(links, ctx, atom ? "feed.atom" : "feed.rss");
      if (auto hit = cache->get(city.id, key, now)) return http::entity_response(hit);
      auto settings = settings_of(city);
      auto filters = read_filters(ctx, settings, /*with_district=*/false);
      if (!filters) return filters.error();
      // Feeds are chronological: newest publication first, pinned or not.
      PublicQuery q{
          .category = filters->category, .limit = kFeedItems, .now_ms = now, .pinned_first = false};
      std::optional<std::int64_t> next_due;
      auto items = store.read([&](storage::Transaction& tx) {
        next_due = next_publication(tx, city.id, now);
        return list_public(tx, city.id, q);
      });
      if (!items) return items.error();
      std::string self = fmt::format("{}/api/v1/cities/{}/news/feed.{}", base_url, city.slug,
                                     atom ? "atom" : "rss");
      if (!filters->category.empty()) self += "?category=" + filters->category;
      FeedContext feed{city, settings, base_url, self, settings.category(filters->category), now};
      auto entity =
          atom ? http::make_entity("application/atom+xml; charset=utf-8", write_atom(feed, *items))
               : http::make_entity("application/rss+xml; charset=utf-8", write_rss(feed, *items));
      cache->put(city.id, key, entity, now, next_due);
      return http::entity_response(entity);
    };
  };
  router.add(http::Method::get, base + "/feed.rss", feed_route(false), http::Access::public_,
             /*blocking=*/true);
  router.add(http::Method::get, base + "/feed.atom", feed_route(true), http::Access::public_,
             /*blocking=*/true);

  router.add(
      http::Method::get, base + "/{id}",
      [&store, &links, cache](http::RequestContext& ctx) -> http::Response {
        const tenants::City& city = *ctx.city;
        auto id = http::parse_positive_id(ctx.param("id"));
        if (!id) return bad_id(ctx.param("id"));
        auto now = unix_millis();
        auto key = shared::cache_key(links, ctx, "item " + std::to_string(*id));
        if (auto hit = cache->get(city.id, key, now)) return http::entity_response(hit);
        auto item =
            store.read([&](storage::Transaction& tx) { return find_item(tx, city.id, *id); });
        if (!item) return item.error();
        if (!*item || !(*item)->visible(now)) return no_such_item(city, ctx.param("id"));
        auto entity = http::make_entity(
            "application/json", json::serialize(public_json(**item, city, links.api_prefix(ctx))));
        cache->put(city.id, key, entity, now, std::nullopt);
        return http::entity_response(entity);
      },
      http::Access::public_, /*blocking=*/true);

  // The editors' side.
  router.add(
      http::Method::get, base + "/editorial",
      [&store, &links](http::RequestContext& ctx) -> http::Response {
        const tenants::City& city = *ctx.city;
        auto page = http::parse_page(ctx.request, kDefaultPage, kMaxPage);
        if (!page) return page.error();
        auto before = http::integer_cursor(*page, INT64_MAX);
        if (!before) return before.error();
        std::optional<NewsStatus> status;
        if (auto s = ctx.request.query_param("status")) {
          status = parse_status(*s);
          if (!status)
            return validation_error("status",
                                    "status must be \"draft\", \"scheduled\" or \"published\"");
        }
        auto now = unix_millis();
        auto items = store.read([&](storage::Transaction& tx) {
          return list_editorial(tx, city.id, status, *before, page->limit + 1, now);
        });
        if (!items) return items.error();
        json::array out;
        json::value next = nullptr;
        for (std::size_t i = 0; i < items->size() && i < page->limit; ++i)
          out.push_back(editorial_json((*items)[i], city, links.api_prefix(ctx), now));
        if (items->size() > page->limit)
          next = http::encode_cursor(std::to_string((*items)[page->limit - 1].id));
        return http::json_response(
            200, json::serialize(
                     json::object{{"items", std::move(out)}, {"next_cursor", std::move(next)}}));
      },
      http::Access::city_content, /*blocking=*/true);

  router.add(
      http::Method::get, base + "/editorial/{id}",
      [&store, &links](http::RequestContext& ctx) -> http::Response {
        const tenants::City& city = *ctx.city;
        auto id = http::parse_positive_id(ctx.param("id"));
        if (!id) return bad_id(ctx.param("id"));
        auto item =
            store.read([&](storage::Transaction& tx) { return find_item(tx, city.id, *id); });
        if (!item) return item.error();
        if (!*item) return no_such_item(city, ctx.param("id"));
        return http::json_response(200, json::serialize(editorial_json(
                                            **item, city, links.api_prefix(ctx), unix_millis())));
      },
      http::Access::city_content, /*blocking=*/true);

  router.add(
      http::Method::post, base,
      [&store, &links, cache](http::RequestContext& ctx) -> http::Response {
        const tenants::City& city = *ctx.city;
        auto body = http::json_body(ctx.request);
        if (!body) return body.error();
        auto input = parse_news_input(*body, city, settings_of(city));
        if (!input) return input.error();
        auto now = unix_millis();
        NewsItem item;
        apply_input(item, std::move(*input), now);
        auto stored = store.write([&](storage::Transaction& tx) {
          NewsItem created = item;
          created.id = insert_item(tx, city.id, created);
          identity::record_audit(tx, identity::actor_of(ctx),
                                 {city.slug, "news.create", "news", std::to_string(created.id),
                                  nullptr, audit_view(created, city, now)});
          return created;
        });
        if (!stored) return stored.error();
        cache->invalidate(city.id);
        auto json = editorial_json(*stored, city, links.api_prefix(ctx), now);
        auto response = http::json_response(201, json::serialize(json));
        response.set_header("Location", std::string(json["href"].as_string()));
        return response;
      },
      http::Access::city_content, /*blocking=*/true);

  router.add(
      http::Method::put, base + "/{id}",
      [&store, &links, cache](http::RequestContext& ctx) -> http::Response {
        const tenants::City& city = *ctx.city;
        auto id = http::parse_positive_id(ctx.param("id"));
        if (!id) return bad_id(ctx.param("id"));
        auto body = http::json_body(ctx.request);
        if (!body) return body.error();
        auto input = parse_news_input(*body, city, settings_of(city));
        if (!input) return input.error();
        auto now = unix_millis();
        auto stored = store.write([&](storage::Transaction& tx) {
          auto existing = find_item(tx, city.id, *id);
          if (!existing) throw no_such_item(city, ctx.param("id"));
          NewsItem item = *existing;
          apply_input(item, *input, now);
          update_item(tx, city.id, item);
          identity::record_audit(tx, identity::actor_of(ctx),
                                 {city.slug, "news.update", "news", std::to_string(item.id),
                                  audit_view(*existing, city, now), audit_view(item, city, now)});
          return item;
        });
        if (!stored) return stored.error();
        cache->invalidate(city.id);
        return http::json_response(
            200, json::serialize(editorial_json(*stored, city, links.api_prefix(ctx), now)));
      },
      http::Access::city_content, /*blocking=*/true);

  router.add(
      http::Method::delete_, base + "/{id}",
      [&store, cache](http::RequestContext& ctx) -> http::Response {
        const tenants::City& city = *ctx.city;
        auto id = http::parse_positive_id(ctx.param("id"));
        if (!id) return bad_id(ctx.param("id"));
        auto now = unix_millis();
        auto deleted = store.write([&](storage::Transaction& tx) {
          auto existing = find_item(tx, city.id, *id);
          if (!existing) throw no_such_item(city, ctx.param("id"));
          delete_item(tx, city.id, *id);
          identity::record_audit(tx, identity::actor_of(ctx),
                                 {city.slug, "news.delete", "news", std::to_string(*id),
                                  audit_view(*existing, city, now), nullptr});
        });
        if (!deleted) return deleted.error();
        cache->invalidate(city.id);
        return http::no_content();
      },
      http::Access::city_content, /*blocking=*/true);

  router.add(
      http::Method::get, base + "/imports",
      [&store](http::RequestContext& ctx) -> http::Response {
        auto status = import_status(store, *ctx.city);
        if (!status) return status.error();
        return http::json_response(200, json::serialize(import_status_json(*status, *ctx.city)));
      },
      http::Access::city_content, /*blocking=*/true);

  router.add(
      http::Method::post, base + "/imports/run",
      [&store, &importer, cache](http::RequestContext& ctx) -> http::Response {
        auto r = importer.run(*ctx.city, identity::actor_of(ctx));
        cache->invalidate(ctx.city->id);
        if (!r) return r.error();
        auto status = import_status(store, *ctx.city);
        if (!status) return status.error();
        return http::json_response(200, json::serialize(import_status_json(*status, *ctx.city)));
      },
      http::Access::city_content, /*blocking=*/true);
}

}  // namespace mosaik::modules::news
