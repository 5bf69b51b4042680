// The in-memory, immutable view of all cities that requests read: lookups by slug and host
// name, and the pre-serialised (and pre-compressed) city list and manifests. Replaced
// atomically as a whole when the cities' revision in the database changes.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/message.hpp"
#include "platform/tenants/city_store.hpp"
#include "platform/tenants/public_links.hpp"

namespace mosaik::tenants {

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

struct CitySnapshot {
  std::int64_t revision = -1;
  std::vector<std::shared_ptr<const City>> cities;  // ordered by name
  StringMap<std::shared_ptr<const City>> by_slug;
  StringMap<std::shared_ptr<const City>> by_domain;
  StringMap<std::shared_ptr<const http::Entity>> manifests;  // by slug
  std::shared_ptr<const http::Entity> list;                  // GET /api/v1/cities
};

class CityDirectory {
 public:
  // All three must outlive the directory. The pre-serialised list and manifests link to
  // links.origin(), never to a request's host.
  CityDirectory(const CityStore& store, const modules::ModuleCatalog& catalog,
                const PublicLinks& links);

  // Loads all cities and publishes a new snapshot. Thread safe.
  Result<void> reload();
  // Reloads only when the revision in the database moved. Returns whether it reloaded.
  Result<bool> refresh_if_changed();

  // The current snapshot; never null (empty before the first reload). Thread safe, lock-free
  // for readers in practice.
  std::shared_ptr<const CitySnapshot> snapshot() const noexcept { return current_.load(); }

 private:
  const CityStore& store_;
  const modules::ModuleCatalog& catalog_;
  const PublicLinks& links_;
  std::mutex reload_mutex_;
  std::atomic<std::shared_ptr<const CitySnapshot>> current_;
};

}  // namespace mosaik::tenants
