#include "content/read_cache.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "tenants/city.hpp"

namespace mosaik::content {

std::shared_ptr<const http::Entity> ReadCache::get(std::int64_t city_id, const std::string& key,
                                                   std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find({city_id, key});
  if (it == entries_.end()) return nullptr;
  if (it->second.expires_ms <= now_ms) {
    entries_.erase(it);
    return nullptr;
  }
  return it->second.entity;
}

void ReadCache::put(std::int64_t city_id, const std::string& key,
                    std::shared_ptr<const http::Entity> entity, std::int64_t now_ms,
                    std::optional<std::int64_t> next_publication) {
  auto expires = now_ms + kReadCacheTtlMs;
  if (next_publication) expires = std::min(expires, *next_publication);
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kReadCacheMaxEntries) entries_.clear();
  entries_[{city_id, key}] = {std::move(entity), expires};
}

void ReadCache::invalidate(std::int64_t city_id) {
  std::lock_guard lock(mutex_);
  auto first = entries_.lower_bound({city_id, std::string()});
  auto last = first;
  while (last != entries_.end() && last->first.first == city_id) ++last;
  entries_.erase(first, last);
}

http::Handler cached_read(ReadCache& cache, http::Handler handler) {
  return [&cache, handler = std::move(handler)](http::RequestContext& ctx) -> http::Response {
    std::string key(ctx.request.path);
    if (!ctx.request.query.empty()) {
      key += '?';
      key += ctx.request.query;
    }
    auto now = unix_millis();
    if (auto hit = cache.get(ctx.city->id, key, now)) return http::entity_response(hit);
    http::Response response = handler(ctx);
    if (response.status != 200 || response.entity) return response;
    auto entity = http::make_entity(response.content_type, std::move(response.body));
    cache.put(ctx.city->id, key, entity, now, std::nullopt);
    return http::entity_response(std::move(entity));
  };
}

http::Handler invalidating(ReadCache& cache, http::Handler handler) {
  return [&cache, handler = std::move(handler)](http::RequestContext& ctx) -> http::Response {
    http::Response response = handler(ctx);
    if (response.status >= 200 && response.status < 300) cache.invalidate(ctx.city->id);
    return response;
  };
}

}  // namespace mosaik::content
