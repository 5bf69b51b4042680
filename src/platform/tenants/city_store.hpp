// Persistence of cities. Every change bumps the `cities` revision in the same transaction, so
// that every mosaikd node sharing the database notices it and refreshes its CityDirectory.
#pragma once

#include <functional>
#include <vector>

#include "platform/tenants/city.hpp"
#include "storage/migrations.hpp"

namespace mosaik::tenants {

std::vector<storage::Migration> tenant_migrations();

class CityStore {
 public:
  // Both must outlive the CityStore.
  CityStore(storage::Store& store, const modules::ModuleCatalog& catalog)
      : store_(store), catalog_(catalog) {}

  // All cities, ordered by name. A stored document that no longer validates (e.g. it enables
  // a module this binary lacks) is skipped and reported in `problems`.
  struct Listing {
    std::vector<City> cities;
    std::vector<std::string> problems;
    std::int64_t revision = 0;
  };
  Result<Listing> list() const;
  // Errors: not_found.
  Result<City> get(std::string_view slug) const;
  // Errors: conflict when the slug is taken.
  Result<City> create(const City& city);
  // Replaces the document of an existing city. `also`, when given, runs in the same transaction
  // with the document as it was (for the audit entry). Errors: not_found.
  Result<City> update(
      const City& city,
      const std::function<void(storage::Transaction&, const json::value& before)>& also = {});
  // The revision counter of the cities; changes with every create/update.
  Result<std::int64_t> revision() const;

 private:
  storage::Store& store_;
  const modules::ModuleCatalog& catalog_;
};

}  // namespace mosaik::tenants
