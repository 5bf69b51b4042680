#include "modules/news/news_read_cache.hpp"

#include <algorithm>

namespace mosaik::modules::news {

std::shared_ptr<const http::Entity> NewsReadCache::get(std::int64_t city_id, const std::string& key,
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

void NewsReadCache::put(std::int64_t city_id, const std::string& key,
                        std::shared_ptr<const http::Entity> entity, std::int64_t now_ms,
                        std::optional<std::int64_t> next_publication) {
  auto expires = now_ms + kNewsCacheTtlMs;
  if (next_publication) expires = std::min(expires, *next_publication);
  std::lock_guard lock(mutex_);
  if (entries_.size() >= kNewsCacheMaxEntries) entries_.clear();
  entries_[{city_id, key}] = {std::move(entity), expires};
}

void NewsReadCache::invalidate(std::int64_t city_id) {
  std::lock_guard lock(mutex_);
  auto first = entries_.lower_bound({city_id, std::string()});
  auto last = first;
  while (last != entries_.end() && last->first.first == city_id) ++last;
  entries_.erase(first, last);
}

}  // namespace mosaik::modules::news
