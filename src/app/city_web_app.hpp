// What makes the web app a city's own installable app: the app shell of the city's pages
// (index.html with the city's title, theme colour, web app manifest, icons and
// <link rel="alternate"> for its public feeds, so feed readers and calendar apps discover them
// from any page), the web app manifest per city, and its icons (drawn in the city's colour).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "http/router.hpp"
#include "http/static_site.hpp"

namespace mosaik::modules {
class ModuleCatalog;
}

namespace mosaik::tenants {

class CityDirectory;
struct City;

class CityWebApp {
 public:
  // All references must outlive this object. `site` may have no index.html (API-only server).
  CityWebApp(const CityDirectory& directory, const modules::ModuleCatalog& catalog,
             std::shared_ptr<const http::StaticSite> site);

  // GET/HEAD of "/{city}" or "/{city}/…" (a deep link: no file extension in the last segment)
  // for a known city: its app shell. Otherwise nullopt (the static site answers). Never blocks.
  std::optional<http::Response> serve_shell(const http::RequestContext& ctx) const;

  // GET /api/v1/cities/{city}/manifest.webmanifest and GET /api/v1/cities/{city}/icons/{file}
  // (file: 192.png, 512.png, maskable-512.png). Public.
  void add_routes(http::Router& router);

  // The app shell for `city` from the site's index.html (exposed for tests).
  static std::string shell_html(std::string_view index_html, const City& city,
                                const modules::ModuleCatalog& catalog);
  // The web app manifest (exposed for tests).
  static std::string web_manifest(const City& city);

 private:
  struct CachedShell {
    std::int64_t revision = -1;
    std::shared_ptr<const http::Entity> entity;
  };
  std::shared_ptr<const http::Entity> shell_for(const City& city, std::int64_t revision) const;
  std::shared_ptr<const http::Entity> icon(const std::string& color, std::string_view file) const;

  const CityDirectory& directory_;
  const modules::ModuleCatalog& catalog_;
  std::shared_ptr<const http::StaticSite> site_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, CachedShell, std::less<>> shells_;  // by slug
  mutable std::map<std::string, std::shared_ptr<const http::Entity>, std::less<>>
      icons_;  // colour/file
};

}  // namespace mosaik::tenants
