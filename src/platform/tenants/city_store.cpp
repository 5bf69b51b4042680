#include "platform/tenants/city_store.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"

namespace mosaik::tenants {

std::vector<storage::Migration> tenant_migrations() {
  return {
      storage::portable_migration(
          "tenants", 1, "cities and revisions",
          "CREATE TABLE cities ("
          " id {id},"
          " slug TEXT NOT NULL UNIQUE,"
          " document TEXT NOT NULL,"
          " created_at BIGINT NOT NULL,"
          " updated_at BIGINT NOT NULL);"
          "CREATE TABLE revisions (topic TEXT PRIMARY KEY, revision BIGINT NOT NULL);"
          "INSERT INTO revisions (topic, revision) VALUES ('cities', 0);"),
  };
}

namespace {

constexpr std::string_view kSelect = "SELECT id, document, updated_at FROM cities";
constexpr std::string_view kBump =
    "UPDATE revisions SET revision = revision + 1 WHERE topic = 'cities'";

Result<City> from_row(const storage::Row& row, const modules::ModuleCatalog& catalog) {
  auto doc = parse_json_object(row.text(1));
  if (!doc) return std::move(doc).error();
  auto city = city_from_json(*doc, catalog);
  if (!city) return std::move(city).error();
  city->id = row.integer(0);
  city->updated_at = row.integer(2);
  return city;
}

}  // namespace

Result<CityStore::Listing> CityStore::list() const {
  return store_.read([&](storage::Transaction& tx) {
    Listing out;
    out.revision =
        tx.query_one("SELECT revision FROM revisions WHERE topic = 'cities'")->integer(0);
    for (const auto& row : tx.query(std::string(kSelect) + " ORDER BY slug").rows) {
      auto city = from_row(row, catalog_);
      if (city)
        out.cities.push_back(std::move(*city));
      else
        out.problems.push_back(fmt::format("city #{}: {}", row.integer(0), city.error().detail()));
    }
    std::sort(out.cities.begin(), out.cities.end(),
              [](const City& a, const City& b) { return a.name < b.name; });
    return out;
  });
}

Result<City> CityStore::get(std::string_view slug) const {
  auto row = store_.read([&](storage::Transaction& tx) {
    return tx.query_one(std::string(kSelect) + " WHERE slug = $1", {std::string(slug)});
  });
  if (!row) return std::move(row).error();
  if (!*row) return Error(Errc::not_found, fmt::format("There is no city '{}'", slug));
  return from_row(**row, catalog_);
}

Result<City> CityStore::create(const City& city) {
  auto doc = json::serialize(city_to_json(city));
  auto now = unix_millis();
  auto id = store_.write([&](storage::Transaction& tx) {
    if (tx.query_one("SELECT 1 FROM cities WHERE slug = $1", {city.slug}))
      throw Error(Errc::conflict, fmt::format("A city '{}' exists already", city.slug), "slug");
    auto new_id =
        tx.query_one(
              "INSERT INTO cities (slug, document, created_at, updated_at) VALUES ($1, $2, $3, $3) "
              "RETURNING id",
              {city.slug, doc, now})
            ->integer(0);
    tx.execute(kBump);
    return new_id;
  });
  if (!id) return std::move(id).error();
  City stored = city;
  stored.id = *id;
  stored.updated_at = now;
  return stored;
}

Result<City> CityStore::update(
    const City& city,
    const std::function<void(storage::Transaction&, const json::value& before)>& also) {
  auto doc = json::serialize(city_to_json(city));
  auto now = unix_millis();
  auto id = store_.write([&](storage::Transaction& tx) {
    if (also) {
      auto old = tx.query_one("SELECT document FROM cities WHERE slug = $1", {city.slug});
      if (!old) throw Error(Errc::not_found, fmt::format("There is no city '{}'", city.slug));
      auto before = parse_json(old->text(0));
      also(tx, before ? *before : json::value(nullptr));
    }
    auto row = tx.query_one(
        "UPDATE cities SET document = $2, updated_at = $3 WHERE slug = $1 RETURNING id",
        {city.slug, doc, now});
    if (!row) throw Error(Errc::not_found, fmt::format("There is no city '{}'", city.slug));
    tx.execute(kBump);
    return row->integer(0);
  });
  if (!id) return std::move(id).error();
  City stored = city;
  stored.id = *id;
  stored.updated_at = now;
  return stored;
}

Result<std::int64_t> CityStore::revision() const {
  return store_.read([](storage::Transaction& tx) {
    return tx.query_one("SELECT revision FROM revisions WHERE topic = 'cities'")->integer(0);
  });
}

}  // namespace mosaik::tenants
