#include "platform/tenants/city_directory.hpp"

#include <spdlog/spdlog.h>

namespace mosaik::tenants {

CityDirectory::CityDirectory(const CityStore& store, const modules::ModuleCatalog& catalog,
                             const PublicLinks& links)
    : store_(store), catalog_(catalog), links_(links) {
  current_.store(std::make_shared<const CitySnapshot>());
}

Result<void> CityDirectory::reload() {
  std::lock_guard lock(reload_mutex_);
  auto listing = store_.list();
  if (!listing) return std::move(listing).error();
  for (const auto& problem : listing->problems)
    spdlog::error("skipping a stored city: {}", problem);

  auto snap = std::make_shared<CitySnapshot>();
  snap->revision = listing->revision;
  json::array list;
  for (auto& c : listing->cities) {
    auto city = std::make_shared<const City>(std::move(c));
    list.push_back(city_summary(*city, links_.api_prefix()));
    snap->by_slug.emplace(city->slug, city);
    for (const auto& domain : city->domains) snap->by_domain.emplace(domain, city);
    snap->manifests.emplace(
        city->slug,
        http::make_entity("application/json",
                          json::serialize(city_manifest(*city, catalog_, links_.api_prefix()))));
    snap->cities.push_back(std::move(city));
  }
  snap->list = http::make_entity("application/json",
                                 json::serialize(json::object{{"cities", std::move(list)}}));
  current_.store(std::move(snap));
  return {};
}

Result<bool> CityDirectory::refresh_if_changed() {
  auto revision = store_.revision();
  if (!revision) return std::move(revision).error();
  if (*revision == snapshot()->revision) return false;
  if (auto r = reload(); !r) return std::move(r).error();
  spdlog::info("cities changed (revision {}), reloaded", *revision);
  return true;
}

}  // namespace mosaik::tenants
