// The public reads of content modules (news and events lists, items, feeds) are asked for far
// more often than content is written: their answers are kept pre-serialised and pre-compressed
// (http::Entity) for a short time. A write through this node drops the city's entries at once;
// other nodes see it within kReadCacheTtlMs. An entry can be bounded by the next scheduled
// publication of its city, so a scheduled item still appears by itself when due. Thread-safe.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "http/message.hpp"
#include "http/router.hpp"

namespace mosaik::content {

inline constexpr std::int64_t kReadCacheTtlMs = 2'000;
// Keys follow the query string, which callers choose (a map's bounding box changes with every
// pan): expired entries are swept out when entries are added, and past this many entries, or
// this many bytes (bodies and their gzip variants), all are dropped.
inline constexpr std::size_t kReadCacheMaxEntries = 2'000;
inline constexpr std::size_t kReadCacheMaxBytes = 32 * 1024 * 1024;

class ReadCache {
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
  void erase(std::map<std::pair<std::int64_t, std::string>, Entry>::iterator it);

  std::mutex mutex_;
  std::map<std::pair<std::int64_t, std::string>, Entry> entries_;
  std::size_t bytes_ = 0;  // of the entries' bodies and gzip variants
};

// A public GET handler whose 200 answers (body and content type) are kept in `cache`, keyed by
// the city, path and query, for kReadCacheTtlMs. REQUIRES: the route has {city}; the handler's
// 200 answers carry no headers of their own that matter.
http::Handler cached_read(ReadCache& cache, http::Handler handler);

// A handler that changes a city's content: after a 2xx answer the city's entries are dropped.
http::Handler invalidating(ReadCache& cache, http::Handler handler);

}  // namespace mosaik::content
