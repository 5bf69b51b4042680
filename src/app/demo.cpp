#include "app/demo.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "modules/events/events_demo.hpp"
#include "modules/news/news_demo.hpp"
#include "modules/reports/reports_demo.hpp"
#include "modules/services/services_module.hpp"
#include "modules/waste/waste_demo.hpp"
#include "tenants/city_store.hpp"

namespace mosaik::demo {
std::string_view embedded_file(std::string_view name);
}

namespace mosaik::app {

namespace {
constexpr std::array kDemoCities = {"dortmund", "schwerte"};

Result<json::object> embedded_json(const std::string& name) {
  auto text = demo::embedded_file(name);
  if (text.empty()) return Error(Errc::internal, fmt::format("demo file {} is not embedded", name));
  auto doc = parse_json_object(text);
  if (!doc)
    return Error(doc.error().code(), fmt::format("demo/{}: {}", name, doc.error().detail()));
  return doc;
}
}  // namespace

Result<DemoReport> load_demo(storage::Store& store, const modules::ModuleCatalog& catalog,
                             const std::function<void(const std::string&)>& progress) {
  tenants::CityStore cities(store, catalog);
  DemoReport report;
  std::size_t step = 0;
  for (const char* slug : kDemoCities) {
    ++step;
    auto doc = embedded_json(fmt::format("cities/{}.json", slug));
    if (!doc) return std::move(doc).error();
    auto city = tenants::city_from_json(*doc, catalog);
    if (!city)
      return Error(city.error().code(),
                   fmt::format("demo city {}: {}", slug, city.error().detail()));
    if (auto existing = cities.get(slug); existing) {
      progress(fmt::format("[{}/{}] {}: exists already, left unchanged", step, kDemoCities.size(),
                           city->name));
      ++report.cities_skipped;
      continue;
    }
    auto created = cities.create(*city);
    if (!created) return std::move(created).error();
    ++report.cities_created;

    auto services_doc = embedded_json(fmt::format("services/{}.json", slug));
    if (!services_doc) return std::move(services_doc).error();
    auto services = modules::services::parse_services(*services_doc);
    if (!services) return std::move(services).error();
    if (auto r = modules::services::replace_services(store, created->id, *services); !r)
      return std::move(r).error();
    report.services += services->size();

    auto news_doc = embedded_json(fmt::format("news/{}.json", slug));
    if (!news_doc) return std::move(news_doc).error();
    auto news = modules::news::load_demo_news(store, *created, *news_doc, unix_millis());
    if (!news)
      return Error(news.error().code(),
                   fmt::format("demo/news/{}.json: {}", slug, news.error().detail()),
                   news.error().field());
    report.news += *news;

    std::size_t events = 0;
    if (created->module_enabled("events")) {
      auto events_doc = embedded_json(fmt::format("events/{}.json", slug));
      if (!events_doc) return std::move(events_doc).error();
      auto loaded = modules::events::load_demo_events(store, *created, *events_doc);
      if (!loaded)
        return Error(loaded.error().code(),
                     fmt::format("demo/events/{}.json: {}", slug, loaded.error().detail()),
                     loaded.error().field());
      events = *loaded;
      report.events += events;
    }
    std::size_t streets = 0;
    if (created->module_enabled("waste")) {
      auto waste_doc = embedded_json(fmt::format("waste/{}.json", slug));
      if (!waste_doc) return std::move(waste_doc).error();
      auto now = std::chrono::system_clock::now();
      auto year = static_cast<int>(
          std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now)).year());
      auto loaded = modules::waste::load_demo_waste(store, *created, *waste_doc, year);
      if (!loaded)
        return Error(loaded.error().code(),
                     fmt::format("demo/waste/{}.json: {}", slug, loaded.error().detail()),
                     loaded.error().field());
      streets = *loaded;
      report.waste_streets += streets;
    }
    std::size_t reports = 0;
    if (created->module_enabled("reports")) {
      auto reports_doc = embedded_json(fmt::format("reports/{}.json", slug));
      if (!reports_doc) return std::move(reports_doc).error();
      auto loaded =
          modules::reports::load_demo_reports(store, *created, *reports_doc, unix_millis());
      if (!loaded)
        return Error(loaded.error().code(),
                     fmt::format("demo/reports/{}.json: {}", slug, loaded.error().detail()),
                     loaded.error().field());
      reports = *loaded;
      report.reports += reports;
    }
    progress(
        fmt::format("[{}/{}] {}: created with {} districts, {} services, {} news items, {} "
                    "events, a waste plan of {} streets and {} defect reports",
                    step, kDemoCities.size(), created->name, created->districts.size(),
                    services->size(), *news, events, streets, reports));
  }
  return report;
}

}  // namespace mosaik::app
