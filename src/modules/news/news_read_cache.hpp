// The public reads of news (lists, items, feeds) are asked for far more often than news is
// written: their answers are kept pre-serialised and pre-compressed (http::Entity) for a short
// time. A write through this node drops the city's entries at once; other nodes see it within
// kNewsCacheTtl. An entry never outlives the next scheduled publication of its city, so a
// scheduled item still appears by itself when due. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace mosaik::modules::news {

inline constexpr std::int64_t kNewsCacheTtlMs = 2'000;
// Keys follow the query string, which callers choose: past this many entries, all are dropped.
inline constexpr std::size_t kNewsCacheMaxEntries = 2'000;

class NewsReadCache {
 public:
  // The entry for `key` of `city_id` while it is fresh at `now_ms`, else null.
  std::shared_ptr<const http::Entity> get(std::int64_t city_id, const std::string& key,
                                          std::int64_t now_ms);
  // Keeps `entity` until now + TTL, or until `next_publication` (ms) when that comes first.
  void put(std::int64_t city_id, const std::string& key, std::shared_ptr<const http::Entity> entity,
           std::int64_t now_ms, std::optional<std::int64_t> next_publication);
  // Drops every entry of a city (after a write).
  void invalidate(std::int64_t city_id);

 private:
  struct Entry {
    std::shared_ptr<const http::Entity> entity;
    std::int64_t expires_ms;
  };
  std::mutex mutex_;
  std::map<std::pair<std::int64_t, std::string>, Entry> entries_;
};

}  // namespace mosaik::modules::news
