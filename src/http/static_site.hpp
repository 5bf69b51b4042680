// The built web app, served from memory: every file under the root is read once at start-up
// into an Entity (with its ETag and gzip variant: a precompressed `name.gz` beside the file is
// used when present, otherwise compressible files are compressed once). Hashed assets
// (Vite's "name-HASH.ext") are cached for a year; everything else is revalidated. A path
// without a file extension that matches no file gets index.html, so deep links such as
// /dortmund/news/123 open the app.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>

#include "http/router.hpp"

namespace mosaik::http {

class StaticSite {
 public:
  // Loads `root`. A missing root gives an empty site (API-only server); unreadable files are
  // reported. Errors: unavailable when root exists but cannot be read.
  static Result<std::shared_ptr<const StaticSite>> load(const std::string& root);

  std::size_t file_count() const noexcept { return files_.size(); }
  // The file at a URL path (e.g. "/index.html"), or null.
  std::shared_ptr<const Entity> find(std::string_view path) const;
  // GET/HEAD handler for paths no route matched.
  Response serve(const RequestContext& ctx) const;

 private:
  std::unordered_map<std::string, std::shared_ptr<const Entity>> files_;  // by URL path
};

std::string_view content_type_for(std::string_view path) noexcept;

}  // namespace mosaik::http
