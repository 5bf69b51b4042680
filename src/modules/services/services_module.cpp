#include "modules/services/services_module.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "http/json_body.hpp"
#include "http/pagination.hpp"
#include "http/preconditions.hpp"
#include "platform/identity/audit.hpp"
#include "platform/tenants/city.hpp"
#include "shared/german_text.hpp"

namespace mosaik::modules::services {

std::vector<storage::Migration> ServicesModule::migrations() const {
  return {storage::portable_migration("services", 1, "services table",
                                      "CREATE TABLE services ("
                                      " id {id},"
                                      " city_id BIGINT NOT NULL REFERENCES cities(id),"
                                      " slug TEXT NOT NULL,"
                                      " title TEXT NOT NULL,"
                                      " summary TEXT NOT NULL,"
                                      " department TEXT NOT NULL,"
                                      " keywords TEXT NOT NULL,"
                                      " url TEXT NOT NULL,"
                                      " updated_at BIGINT NOT NULL,"
                                      " UNIQUE (city_id, slug));")};
}

namespace {

Service read_service(JsonReader& r) {
  Service s;
  s.slug = r.text("slug", 80);
  if (!tenants::valid_slug(s.slug)) r.fail("slug", "must be 2-63 characters of a-z, 0-9 and '-'");
  s.title = r.text("title", 200);
  if (s.title.empty()) r.fail("title", "must not be empty");
  s.summary = r.text("summary", 2000, "");
  s.department = r.text("department", 200, "");
  s.keywords = r.text_list("keywords", 30, 60, std::vector<std::string>{});
  // Stored '|'-separated (services.keywords): a keyword is a word or phrase, never empty.
  for (std::size_t i = 0; i < s.keywords.size(); ++i)
    if (s.keywords[i].empty() || s.keywords[i].find('|') != std::string::npos)
      r.fail(fmt::format("keywords[{}]", i), "must be a non-empty word or phrase without '|'");
  s.url = r.link("url", 500, /*allow_root_relative=*/false);
  r.finish();
  return s;
}

json::object to_json(const Service& s, std::string_view city, std::string_view link_prefix) {
  json::array keywords;
  for (const auto& k : s.keywords) keywords.emplace_back(k);
  auto folded = shared::fold_german(s.title);
  // Umlauts and ß are folded to ASCII; any other non-ASCII initial files under "#".
  bool ascii_letter = !folded.empty() && folded.front() >= 'a' && folded.front() <= 'z';
  std::string letter =
      ascii_letter ? std::string(1, static_cast<char>(folded.front() - 'a' + 'A')) : "#";
  return {{"slug", s.slug},
          {"title", s.title},
          {"letter", letter},
          {"summary", s.summary},
          {"department", s.department},
          {"keywords", std::move(keywords)},
          {"url", s.url},
          {"href", fmt::format("{}/api/v1/cities/{}/services/{}", link_prefix, city, s.slug)}};
}

Service from_row(const storage::Row& row) {
  Service s{row.text(0), row.text(1), row.text(2), row.text(3), {}, row.text(5)};
  std::string_view kw = row.text(4);
  while (!kw.empty()) {
    auto bar = kw.find('|');
    if (bar != 0) s.keywords.emplace_back(kw.substr(0, bar));
    if (bar == std::string_view::npos) break;
    kw.remove_prefix(bar + 1);
  }
  return s;
}

std::string sort_key(const Service& s) {
  return shared::fold_german(s.title) + '\x1f' + s.slug;
}

bool matches(const Service& s, const std::string& folded_query) {
  if (shared::fold_german(s.title).find(folded_query) != std::string::npos) return true;
  if (shared::fold_german(s.summary).find(folded_query) != std::string::npos) return true;
  for (const auto& k : s.keywords)
    if (shared::fold_german(k).find(folded_query) != std::string::npos) return true;
  return false;
}

constexpr std::string_view kColumns =
    "SELECT slug, title, summary, department, keywords, url FROM services";

}  // namespace

Result<std::vector<Service>> parse_services(const json::object& doc) {
  return read_strictly<std::vector<Service>>([&] {
    JsonReader r(doc);
    std::vector<Service> out;
    const json::array* list = r.array("services", true, 5000);
    std::set<std::string> slugs;
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto key = fmt::format("services[{}]", i);
      if (!(*list)[i].is_object()) r.fail(key, "must be an object");
      JsonReader item((*list)[i].as_object(), r.path(key));
      out.push_back(read_service(item));
      if (!slugs.insert(out.back().slug).second)
        r.fail(key + ".slug", "is used by an earlier service of the list");
    }
    r.finish();
    return out;
  });
}

ServicesDiff replace_services(storage::Transaction& tx, std::int64_t city_id,
                              const std::vector<Service>& services) {
  std::map<std::string, Service> before;
  for (const auto& row : tx.query(std::string(kColumns) + " WHERE city_id = $1", {city_id}).rows) {
    auto s = from_row(row);
    before.emplace(s.slug, std::move(s));
  }
  ServicesDiff diff;
  diff.count = services.size();
  auto now = unix_millis();
  tx.execute("DELETE FROM services WHERE city_id = $1", {city_id});
  for (const auto& s : services) {
    std::string keywords;
    for (const auto& k : s.keywords) {
      if (!keywords.empty()) keywords += '|';
      keywords += k;
    }
    tx.execute(
        "INSERT INTO services (city_id, slug, title, summary, department, keywords, url, "
        "updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        {city_id, s.slug, s.title, s.summary, s.department, keywords, s.url, now});
    auto old = before.find(s.slug);
    if (old == before.end()) {
      diff.added.push_back(s.slug);
    } else {
      if (!(old->second == s)) diff.changed.push_back(s.slug);
      before.erase(old);
    }
  }
  for (const auto& [slug, _] : before) diff.removed.push_back(slug);
  return diff;
}

Result<void> replace_services(storage::Store& store, std::int64_t city_id,
                              const std::vector<Service>& services) {
  return store.transact(storage::Access::write,
                        [&](storage::Transaction& tx) { replace_services(tx, city_id, services); });
}

namespace {

// The body GET .../services answers when one page holds every service (no `q`, `next_cursor`
// null): the representation whose ETag a PUT's If-Match names.
std::string complete_list_json(storage::Transaction& tx, std::int64_t city_id,
                               std::string_view city, std::string_view link_prefix) {
  std::vector<std::pair<std::string, Service>> all;
  for (const auto& row : tx.query(std::string(kColumns) + " WHERE city_id = $1", {city_id}).rows) {
    auto s = from_row(row);
    auto key = sort_key(s);
    all.emplace_back(std::move(key), std::move(s));
  }
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  json::array items;
  for (const auto& [key, s] : all) items.push_back(to_json(s, city, link_prefix));
  return json::serialize(json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
}

}  // namespace

std::unique_ptr<ModuleRuntime> ServicesModule::start(ModuleContext& context) const {
  return std::make_unique<ServicesRuntime>(context);
}

void ServicesRuntime::register_routes(ModuleRouter& router) {
  ModuleContext& context = context_;
  storage::Store& store = context.store;
  const tenants::PublicLinks& links = context.links;

  router.add(
      http::Method::get, "/api/v1/cities/{city}/services",
      [&store, &links](http::RequestContext& ctx) -> http::Response {
        auto page = http::parse_page(ctx.request, 50, 500);
        if (!page) return page.error();
        auto q = ctx.request.query_param("q").value_or("");
        if (q.size() > 100) return validation_error("q", "q must be at most 100 bytes long");
        auto rows = store.read([&](storage::Transaction& tx) {
          return tx.query(std::string(kColumns) + " WHERE city_id = $1", {ctx.city->id});
        });
        if (!rows) return rows.error();
        std::vector<std::pair<std::string, Service>> all;
        auto folded_query = shared::fold_german(q);
        for (const auto& row : rows->rows) {
          auto s = from_row(row);
          if (!folded_query.empty() && !matches(s, folded_query)) continue;
          auto key = sort_key(s);
          if (page->after && key <= *page->after) continue;
          all.emplace_back(std::move(key), std::move(s));
        }
        std::sort(all.begin(), all.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        json::array items;
        for (std::size_t i = 0; i < all.size() && i < page->limit; ++i)
          items.push_back(to_json(all[i].second, ctx.city->slug, links.api_prefix(ctx)));
        json::value next = nullptr;
        if (all.size() > page->limit) next = http::encode_cursor(all[page->limit - 1].first);
        return http::json_response(
            200, json::serialize(json::object{{"items", std::move(items)}, {"next_cursor", next}}));
      },
      http::Access::public_, /*blocking=*/true);

  // The editors' route: the whole list at once, as the city's CMS or a spreadsheet export has it.
  router.add(
      http::Method::put, "/api/v1/cities/{city}/services",
      [&store, &links](http::RequestContext& ctx) -> http::Response {
        auto body = http::json_body(ctx.request);
        if (!body) return body.error();
        auto services = parse_services(*body);
        if (!services) return services.error();
        auto if_match = ctx.request.header("If-Match");
        auto summary = store.write([&](storage::Transaction& tx) {
          // Checked in the write transaction, so that of two editors with the same ETag one wins.
          if (!if_match.empty() &&
              !http::if_match_allows(if_match, complete_list_json(tx, ctx.city->id, ctx.city->slug,
                                                                  links.api_prefix(ctx))))
            throw http::precondition_failed("The list of services");
          auto before =
              tx.query_one("SELECT COUNT(*) FROM services WHERE city_id = $1", {ctx.city->id})
                  ->integer(0);
          auto d = replace_services(tx, ctx.city->id, *services);
          auto names = [](const std::vector<std::string>& v) {
            return json::array(v.begin(), v.end());
          };
          json::object after{{"count", d.count},
                             {"added", names(d.added)},
                             {"removed", names(d.removed)},
                             {"changed", names(d.changed)}};
          identity::record_audit(tx, identity::actor_of(ctx),
                                 {ctx.city->slug, "services.replace", "services", ctx.city->slug,
                                  json::object{{"count", before}}, after});
          return after;
        });
        if (!summary) return summary.error();
        return http::json_response(200, json::serialize(*summary));
      },
      http::Access::city_content, /*blocking=*/true);

  router.add(
      http::Method::get, "/api/v1/cities/{city}/services/{service}",
      [&store, &links](http::RequestContext& ctx) -> http::Response {
        auto row = store.read([&](storage::Transaction& tx) {
          return tx.query_one(std::string(kColumns) + " WHERE city_id = $1 AND slug = $2",
                              {ctx.city->id, std::string(ctx.param("service"))});
        });
        if (!row) return row.error();
        if (!*row)
          return Error(Errc::not_found,
                       fmt::format("{} has no service '{}'", ctx.city->name, ctx.param("service")),
                       "service");
        return http::json_response(
            200, json::serialize(to_json(from_row(**row), ctx.city->slug, links.api_prefix(ctx))));
      },
      http::Access::public_, /*blocking=*/true);
}

namespace demo {
std::string_view embedded_file(std::string_view name);  // src/modules/services/demo/, generated
}

Result<std::optional<std::string>> ServicesModule::load_demo(storage::Store& store,
                                                             const tenants::City& city) const {
  return load_demo_document("services", city, demo::embedded_file,
                            [&](const json::object& doc) -> Result<std::string> {
                              auto services = parse_services(doc);
                              if (!services) return services.error();
                              if (auto r = replace_services(store, city.id, *services); !r)
                                return r.error();
                              return fmt::format("{} services", services->size());
                            });
}

}  // namespace mosaik::modules::services
