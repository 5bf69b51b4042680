#include "app/demo.hpp"

#include <fmt/format.h>

#include "platform/tenants/city_store.hpp"

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

    std::vector<std::string> loaded;
    for (const auto& module : catalog.all()) {
      if (!created->module_enabled(module->name())) continue;
      auto what = module->load_demo(store, *created);
      if (!what) return std::move(what).error();
      if (*what) loaded.push_back(std::move(**what));
    }
    std::string content;
    for (std::size_t i = 0; i < loaded.size(); ++i)
      content += (i == 0 ? "" : i + 1 == loaded.size() ? " and " : ", ") + loaded[i];
    progress(fmt::format("[{}/{}] {}: created with {} districts{}{}", step, kDemoCities.size(),
                         created->name, created->districts.size(), content.empty() ? "" : ", ",
                         content));
  }
  return report;
}

}  // namespace mosaik::app
