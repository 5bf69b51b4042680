#include "shared/read_cache.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::shared {

namespace {
std::size_t size_of(const http::Entity& e) {
  return e.body.size() + e.gzip_body.size();
}
}  // namespace

void ReadCache::erase(std::map<std::pair<std::int64_t, std::string>, Entry>::iterator it) {
  bytes_ -= size_of(*it->second.entity);
  entries_.erase(it);
}

std::shared_ptr<const http::Entity> ReadCache::get(std::int64_t city_id, const std::string& key,
                                                   std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find({city_id, key});
  if (it == entries_.end()) return nullptr;
  if (it->second.expires_ms <= now_ms) {
    erase(it);
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
  for (auto it = entries_.begin(); it != entries_.end();) {
    auto current = it++;
    if (current->second.expires_ms <= now_ms || current->first == std::pair{city_id, key})
      erase(current);
  }
  auto size = size_of(*entity);
  if (entries_.size() >= kReadCacheMaxEntries || bytes_ + size > kReadCacheMaxBytes) {
    entries_.clear();
    bytes_ = 0;
  }
  bytes_ += size;
  entries_.emplace(std::pair{city_id, key}, Entry{std::move(entity), expires});
}

void ReadCache::invalidate(std::int64_t city_id) {
  std::lock_guard lock(mutex_);
  auto it = entries_.lower_bound({city_id, std::string()});
  while (it != entries_.end() && it->first.first == city_id) erase(it++);
}

std::string cache_key(const tenants::PublicLinks& links, const http::RequestContext& ctx,
                      std::string_view name) {
  std::string key = links.origin(ctx);
  key += ' ';
  key += name;
  if (!ctx.request.query.empty()) {
    key += '?';
    key += ctx.request.query;
  }
  return key;
}

http::Handler cached_read(ReadCache& cache, const tenants::PublicLinks& links,
                          http::Handler handler) {
  return
      [&cache, &links, handler = std::move(handler)](http::RequestContext& ctx) -> http::Response {
        auto key = cache_key(links, ctx, ctx.request.path);
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

}  // namespace mosaik::shared
