#include "app/city_web_app.hpp"

#include <fmt/format.h>

#include <vips/vips8>

#include "core/json.hpp"
#include "platform/module.hpp"
#include "platform/tenants/city.hpp"
#include "platform/tenants/city_directory.hpp"
#include "shared/media.hpp"
#include "shared/rich_text.hpp"

namespace mosaik::tenants {
namespace {

constexpr std::string_view kNoCache = "no-cache";

bool is_deep_link(std::string_view path) {
  auto last = path.substr(path.rfind('/') + 1);
  return last.find('.') == std::string_view::npos;
}

// "#rrggbb" (validated by city_from_json) -> {r, g, b}.
std::vector<double> rgb(std::string_view hex) {
  auto channel = [&](std::size_t at) {
    return static_cast<double>(std::stoi(std::string(hex.substr(at, 2)), nullptr, 16));
  };
  return {channel(1), channel(3), channel(5)};
}

// A square icon: the city's colour with a 2x2 mosaic of white tiles inside the middle 60 %
// (the safe zone of maskable icons), one of them half transparent.
std::string draw_icon(std::string_view color, int size) {
  auto background = vips::VImage::black(size, size, vips::VImage::option()->set("bands", 3))
                        .new_from_image(rgb(color))
                        .cast(VIPS_FORMAT_UCHAR)
                        .copy_memory();
  int inner = size * 6 / 10, gap = size / 24, tile = (inner - gap) / 2;
  int origin = (size - inner) / 2;
  for (int i = 0; i < 4; ++i) {
    int left = origin + (i % 2) * (tile + gap), top = origin + (i / 2) * (tile + gap);
    std::vector<double> ink{255, 255, 255};
    if (i == 3) {
      auto base = rgb(color);
      for (std::size_t c = 0; c < 3; ++c) ink[c] = (base[c] + 255) / 2;
    }
    background.draw_rect(ink, left, top, tile, tile, vips::VImage::option()->set("fill", true));
  }
  void* buffer = nullptr;
  std::size_t bytes = 0;
  background.write_to_buffer(".png[compression=9,strip]", &buffer, &bytes);
  std::string out(static_cast<const char*>(buffer), bytes);
  g_free(buffer);
  return out;
}

}  // namespace

CityWebApp::CityWebApp(const CityDirectory& directory, const modules::ModuleCatalog& catalog,
                       std::shared_ptr<const http::StaticSite> site)
    : directory_(directory), catalog_(catalog), site_(std::move(site)) {}

std::string CityWebApp::shell_html(std::string_view index_html, const City& city,
                                   const modules::ModuleCatalog& catalog) {
  std::string head;
  auto tag = [&](std::string_view format_string, auto&&... args) {
    head += fmt::format(fmt::runtime(format_string), args...);
    head += '\n';
  };
  auto e = [](std::string_view text) { return shared::escape_html(text); };
  std::string base = fmt::format("/api/v1/cities/{}", city.slug);
  tag(R"(<meta name="description" content="{}">)",
      e(fmt::format("Die Stadt-App von {}: Nachrichten, Veranstaltungen und Dienstleistungen.",
                    city.name)));
  tag(R"(<meta name="theme-color" content="{}">)", e(city.branding.primary_color));
  tag(R"(<link rel="manifest" href="{}/manifest.webmanifest">)", base);
  tag(R"(<link rel="icon" type="image/png" sizes="192x192" href="{}/icons/192.png">)", base);
  tag(R"(<link rel="apple-touch-icon" href="{}/icons/192.png">)", base);
  for (const auto& module : catalog.all()) {
    if (!city.module_enabled(module->name())) continue;
    for (const auto& feed : module->public_feeds(city.slug))
      tag(R"(<link rel="alternate" type="{}" title="{}" href="{}">)", e(feed.media_type),
          e(fmt::format("{} – {}", city.name, feed.title_de)), e(feed.path));
  }
  std::string html(index_html);
  if (auto title = html.find("<title>"); title != std::string::npos) {
    auto end = html.find("</title>", title);
    if (end != std::string::npos)
      html.replace(title, end + 8 - title, fmt::format("<title>{} – Mosaik</title>", e(city.name)));
  }
  if (auto close = html.find("</head>"); close != std::string::npos) html.insert(close, head);
  return html;
}

std::string CityWebApp::web_manifest(const City& city) {
  std::string base = fmt::format("/api/v1/cities/{}", city.slug);
  json::array icons{json::object{{"src", base + "/icons/192.png"},
                                 {"sizes", "192x192"},
                                 {"type", "image/png"},
                                 {"purpose", "any"}},
                    json::object{{"src", base + "/icons/512.png"},
                                 {"sizes", "512x512"},
                                 {"type", "image/png"},
                                 {"purpose", "any"}},
                    json::object{{"src", base + "/icons/maskable-512.png"},
                                 {"sizes", "512x512"},
                                 {"type", "image/png"},
                                 {"purpose", "maskable"}}};
  json::object manifest{
      {"id", "/" + city.slug},
      {"name", fmt::format("{} – Mosaik", city.name)},
      {"short_name", city.name},
      {"description",
       fmt::format("Die Stadt-App von {}: Nachrichten, Veranstaltungen und Dienstleistungen.",
                   city.name)},
      {"lang", city.locales.front()},
      {"start_url", "/" + city.slug},
      {"scope", "/"},
      {"display", "standalone"},
      {"background_color", "#ffffff"},
      {"theme_color", city.branding.primary_color},
      {"categories", json::array{"government", "news"}},
      {"icons", std::move(icons)}};
  return json::serialize(manifest);
}

std::shared_ptr<const http::Entity> CityWebApp::shell_for(const City& city,
                                                          std::int64_t revision) const {
  std::lock_guard lock(mutex_);
  auto& cached = shells_[city.slug];
  if (cached.revision != revision || !cached.entity) {
    auto index = site_ ? site_->find("/index.html") : nullptr;
    if (!index) return nullptr;
    cached.entity = http::make_entity(index->content_type, shell_html(index->body, city, catalog_),
                                      true, std::string(kNoCache));
    cached.revision = revision;
  }
  return cached.entity;
}

std::optional<http::Response> CityWebApp::serve_shell(const http::RequestContext& ctx) const {
  const auto& request = ctx.request;
  if (request.method != http::Method::get && request.method != http::Method::head)
    return std::nullopt;
  std::string_view path = request.path;
  if (path.size() < 2 || !is_deep_link(path)) return std::nullopt;
  auto slug = path.substr(1, path.find('/', 1) == std::string_view::npos ? std::string_view::npos
                                                                         : path.find('/', 1) - 1);
  auto snapshot = directory_.snapshot();
  auto it = snapshot->by_slug.find(slug);
  if (it == snapshot->by_slug.end()) return std::nullopt;
  auto entity = shell_for(*it->second, snapshot->revision);
  if (!entity) return std::nullopt;
  return http::entity_response(std::move(entity));
}

std::shared_ptr<const http::Entity> CityWebApp::icon(const std::string& color,
                                                     std::string_view file) const {
  std::string key = color + "/" + std::string(file);
  {
    std::lock_guard lock(mutex_);
    if (auto it = icons_.find(key); it != icons_.end()) return it->second;
  }
  shared::init_image_library();
  int size = file == "192.png" ? 192 : 512;
  auto entity =
      http::make_entity("image/png", draw_icon(color, size), false, "public, max-age=86400");
  std::lock_guard lock(mutex_);
  return icons_.emplace(key, std::move(entity)).first->second;
}

void CityWebApp::add_routes(http::Router& router) {
  const http::RouteOptions open{.access = http::Access::public_};
  router.add(
      http::Method::get, "/api/v1/cities/{city}/manifest.webmanifest",
      [](http::RequestContext& ctx) -> http::Response {
        return http::entity_response(http::make_entity(
            "application/manifest+json", web_manifest(*ctx.city), true, std::string(kNoCache)));
      },
      open);
  router.add(http::Method::get, "/api/v1/cities/{city}/icons/{file}",
             [this](http::RequestContext& ctx) -> http::Response {
               auto file = ctx.param("file");
               if (file != "192.png" && file != "512.png" && file != "maskable-512.png")
                 return Error(Errc::not_found, "Icons: 192.png, 512.png, maskable-512.png");
               return http::entity_response(icon(ctx.city->branding.primary_color, file));
             },
             {.blocking = true, .access = http::Access::public_});  // the first request draws it
}

}  // namespace mosaik::tenants
