#include "http/static_site.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "http/problem.hpp"

namespace mosaik::http {

namespace fs = std::filesystem;

std::string_view content_type_for(std::string_view path) noexcept {
  auto dot = path.rfind('.');
  auto ext = dot == std::string_view::npos ? std::string_view{} : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "application/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json") return "application/json";
  if (ext == "webmanifest") return "application/manifest+json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "jpg" || ext == "jpeg") return "image/jpeg";
  if (ext == "webp") return "image/webp";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt") return "text/plain; charset=utf-8";
  if (ext == "xml") return "application/xml";
  if (ext == "map") return "application/json";
  return "application/octet-stream";
}

namespace {

// Vite names built assets "name-HASH.ext" with a hash of at least 8 URL-safe characters.
bool is_hashed_asset(std::string_view filename) {
  auto dot = filename.rfind('.');
  auto dash = filename.rfind('-', dot);
  if (dot == std::string_view::npos || dash == std::string_view::npos || dot - dash - 1 < 8)
    return false;
  for (auto c : filename.substr(dash + 1, dot - dash - 1))
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

std::optional<std::string> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Result<std::shared_ptr<const StaticSite>> StaticSite::load(const std::string& root) {
  auto site = std::make_shared<StaticSite>();
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return std::shared_ptr<const StaticSite>(site);
  for (auto it = fs::recursive_directory_iterator(root, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const auto& path = it->path();
    if (path.extension() == ".gz" || path.extension() == ".br") continue;
    auto body = read_file(path);
    if (!body) return Error(Errc::unavailable, fmt::format("cannot read {}", path.string()));
    std::string url = fs::relative(path, root).generic_string();
    url.insert(url.begin(), '/');
    auto type = std::string(content_type_for(url));
    bool compressible = type.starts_with("text/") || type.starts_with("application/javascript") ||
                        type.starts_with("application/json") || type.starts_with("image/svg") ||
                        type.starts_with("application/manifest") ||
                        type.starts_with("application/xml");
    std::string cache = is_hashed_asset(path.filename().string())
                            ? "public, max-age=31536000, immutable"
                            : "no-cache";
    auto precompressed = read_file(fs::path(path.string() + ".gz"));
    std::shared_ptr<const Entity> entity;
    if (precompressed) {
      auto e = std::make_shared<Entity>(*make_entity(type, std::move(*body), false, cache));
      e->gzip_body = std::move(*precompressed);
      entity = std::move(e);
    } else {
      entity = make_entity(type, std::move(*body), compressible, cache);
    }
    site->files_.emplace(std::move(url), std::move(entity));
  }
  if (ec)
    return Error(Errc::unavailable, fmt::format("cannot read web root {}: {}", root, ec.message()));
  return std::shared_ptr<const StaticSite>(site);
}

std::shared_ptr<const Entity> StaticSite::find(std::string_view path) const {
  auto it = files_.find(std::string(path));
  return it == files_.end() ? nullptr : it->second;
}

Response StaticSite::serve(const RequestContext& ctx) const {
  std::string_view path = ctx.request.path;
  auto it = files_.find(std::string(path == "/" ? "/index.html" : path));
  if (it != files_.end()) return entity_response(it->second);
  auto last_segment = path.substr(path.rfind('/') + 1);
  if (last_segment.find('.') == std::string_view::npos) {
    if (auto index = files_.find("/index.html"); index != files_.end())
      return entity_response(index->second);
  }
  return problem_response(Error(Errc::not_found, fmt::format("Nothing is at {}", path)));
}

}  // namespace mosaik::http
