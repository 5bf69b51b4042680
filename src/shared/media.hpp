// Images of news items, events and (later) defect reports: uploaded by staff as raw bytes,
// recognised by their content (JPEG, PNG, WebP, HEIC/AVIF), decoded by libvips within a pixel
// limit, turned upright, scaled down to `media.max_edge`, re-encoded (JPEG, or PNG when the image
// has transparency) with every piece of metadata dropped (EXIF incl. GPS, XMP, ICC, comments), and
// stored in the database under a name derived from the stored bytes, so every node can serve
// them and the URL can be cached forever.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "core/json.hpp"
#include "core/json_reader.hpp"
#include "http/router.hpp"
#include "storage/migrations.hpp"
#include "storage/store.hpp"

namespace mosaik::shared {

struct EncodedImage {
  std::string bytes;
  std::string content_type;  // image/jpeg or image/png
  std::string extension;     // "jpg" or "png"
  int width = 0, height = 0;
};

// Starts libvips once per process (idempotent, thread-safe). Throws Error(internal) if it fails.
void init_image_library();

// Errors: unsupported_media_type when the bytes are no JPEG/PNG/WebP/HEIC (whatever the request
// claims); validation_failed when the image is damaged or has more than max_pixels pixels.
// Thread-safe.
Result<EncodedImage> reencode_image(std::string_view bytes, const MediaConfig& limits);

// The media table.
std::vector<storage::Migration> media_migrations();

// POST /api/v1/cities/{city}/media (editors; body: the image, at most media.max_upload_bytes)
// -> 201 {"url", "width", "height", "content_type", "bytes"}; audited as media.upload.
// GET /api/v1/cities/{city}/media/{file} (public; immutable).
void add_media_routes(http::Router& router, storage::Store& store, const MediaConfig& config);

// The path under which a city's stored image is served.
std::string media_path(std::string_view city_slug, std::string_view file);

// An image shown with an item: a stored image of the city (media_path) or, for imported
// items, an absolute https URL; and its text alternative.
struct ImageRef {
  std::string url;
  std::string alt;
  friend bool operator==(const ImageRef&, const ImageRef&) = default;
};

// Reads the optional object `key` = {"url", "alt", "decorative"?}: the URL must be a media
// path of `city_slug` or an https URL (<= 1000 bytes); "alt" (<= 300 characters) must not be
// empty unless "decorative": true. null or absent gives nullopt. Errors go to the reader.
std::optional<ImageRef> read_image(JsonReader& reader, std::string_view key,
                                   std::string_view city_slug);
// {"url", "alt"} or null.
json::value image_json(const std::optional<ImageRef>& image);

}  // namespace mosaik::shared
