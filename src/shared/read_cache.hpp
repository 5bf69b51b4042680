// The public reads of content modules (news and events lists, items, feeds) are asked for far
// more often than content is written: their answers are kept pre-serialised and pre-compressed
// (http::Entity) for a short time. A write through this node drops the city's entries at once;
// other nodes see it within kReadCacheTtlMs. An entry can be bounded by the next scheduled
// publication of its city, so a scheduled item still appears by itself when due. Thread-safe.
//
// The rule for everything kept here (and for every other pre-serialised answer, such as the city
// directory's manifests): a kept answer depends only on the inputs in its key. The key is the
// city, the request target (path and query) and the link origin (tenants::PublicLinks, from
// configuration); headers, the principal, cookies and the client's address are not in it, so a
// cached answer must not depend on them. Something else an answer needs goes into the key, or
// the answer is not cached. Absolute links come from tenants::PublicLinks, never from the Host.
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
#include "platform/tenants/public_links.hpp"

namespace mosaik::shared {

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

// The key of a kept answer to `ctx` for `name` (a path, or a handler's own name such as "list"):
// the name, the link origin and the raw query.
std::string cache_key(const tenants::PublicLinks& links, const http::RequestContext& ctx,
                      std::string_view name);

// A public GET handler whose 200 answers (body and content type) are kept in `cache`, keyed by
// cache_key(links, ctx, path), for kReadCacheTtlMs. REQUIRES: the route has {city}; the
// handler's 200 answers carry no headers of their own that matter, and depend on nothing but
// the city, the target and links.origin(ctx).
http::Handler cached_read(ReadCache& cache, const tenants::PublicLinks& links,
                          http::Handler handler);

// A handler that changes a city's content: after a 2xx answer the city's entries are dropped.
http::Handler invalidating(ReadCache& cache, http::Handler handler);

}  // namespace mosaik::shared
