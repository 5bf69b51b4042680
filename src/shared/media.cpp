#include "shared/media.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <mutex>
#include <vips/vips8>

#include "core/clock.hpp"
#include "platform/identity/audit.hpp"
#include "platform/identity/secrets.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::shared {
namespace {}  // namespace

void init_image_library() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (vips_init("mosaik") != 0) throw Error(Errc::internal, "libvips failed to start");
    // Uploads already run on the blocking pool, one per thread; the operation cache would only
    // keep decoded pixels alive.
    vips_concurrency_set(1);
    vips_cache_set_max(0);
    // libvips warns on stderr about every damaged upload; that is the client's problem, and
    // the answer says so.
    g_log_set_handler(
        "VIPS", static_cast<GLogLevelFlags>(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE),
        [](const gchar*, GLogLevelFlags, const gchar* message, gpointer) {
          spdlog::debug("libvips: {}", message);
        },
        nullptr);
  });
}

namespace {

// The loader libvips picks by sniffing the bytes, e.g. "VipsForeignLoadJpegBuffer".
bool accepted_loader(std::string_view loader) {
  return loader.find("Jpeg") != std::string_view::npos ||
         loader.find("Png") != std::string_view::npos ||
         loader.find("Webp") != std::string_view::npos ||
         loader.find("Heif") != std::string_view::npos;  // HEIC from phones (and AVIF)
}

struct GFree {
  void operator()(void* p) const { g_free(p); }
};

}  // namespace

Result<EncodedImage> reencode_image(std::string_view bytes, const MediaConfig& limits) {
  init_image_library();
  const char* loader =
      bytes.empty() ? nullptr : vips_foreign_find_load_buffer(bytes.data(), bytes.size());
  if (loader == nullptr || !accepted_loader(loader)) {
    vips_error_clear();
    return Error(Errc::unsupported_media_type,
                 "The upload is not a JPEG, PNG, WebP or HEIC image (judged by its content)");
  }
  try {
    // The header is read without decoding pixels: a decompression bomb stops here.
    auto header = vips::VImage::new_from_buffer(bytes.data(), bytes.size(), "");
    auto pixels =
        static_cast<std::uint64_t>(header.width()) * static_cast<std::uint64_t>(header.height());
    if (pixels > limits.max_pixels)
      return Error(Errc::validation_failed,
                   fmt::format("The image has {}x{} pixels; at most {} pixels are accepted",
                               header.width(), header.height(), limits.max_pixels),
                   "image");

    VipsBlob* source = vips_blob_new(nullptr, bytes.data(), bytes.size());
    vips::VImage image;
    try {
      // Decodes, turns upright by the EXIF orientation, and shrinks (never enlarges).
      image = vips::VImage::thumbnail_buffer(source, static_cast<int>(limits.max_edge),
                                             vips::VImage::option()
                                                 ->set("height", static_cast<int>(limits.max_edge))
                                                 ->set("size", VIPS_SIZE_DOWN)
                                                 ->set("option_string", "fail_on=error"));
    } catch (...) {
      vips_area_unref(reinterpret_cast<VipsArea*>(source));
      throw;
    }
    vips_area_unref(reinterpret_cast<VipsArea*>(source));
    if (image.interpretation() != VIPS_INTERPRETATION_sRGB &&
        image.interpretation() != VIPS_INTERPRETATION_B_W)
      image = image.colourspace(VIPS_INTERPRETATION_sRGB);
    if (image.format() != VIPS_FORMAT_UCHAR) image = image.cast(VIPS_FORMAT_UCHAR);

    EncodedImage out;
    bool transparent = image.has_alpha();
    out.extension = transparent ? "png" : "jpg";
    out.content_type = transparent ? "image/png" : "image/jpeg";
    // "strip" drops EXIF (GPS included), XMP, IPTC, ICC and comments.
    const char* format =
        transparent ? ".png[compression=9,strip]" : ".jpg[Q=82,strip,optimize_coding,interlace]";
    void* buffer = nullptr;
    std::size_t size = 0;
    image.write_to_buffer(format, &buffer, &size);
    std::unique_ptr<void, GFree> owned(buffer);
    out.bytes.assign(static_cast<const char*>(buffer), size);
    out.width = image.width();
    out.height = image.height();
    return out;
  } catch (const vips::VError& e) {
    vips_error_clear();
    return Error(Errc::validation_failed, "The image is damaged and cannot be read", "image");
  }
}

std::vector<storage::Migration> media_migrations() {
  constexpr std::string_view kTable =
      "CREATE TABLE media ("
      " id {id},"
      " city_id BIGINT NOT NULL REFERENCES cities(id),"
      " name TEXT NOT NULL,"
      " content_type TEXT NOT NULL,"
      " width INTEGER NOT NULL,"
      " height INTEGER NOT NULL,"
      " data {blob} NOT NULL,"
      " created_at BIGINT NOT NULL,"
      " UNIQUE (city_id, name));";
  return {storage::portable_migration("media", 1, "uploaded images", kTable)};
}

std::string media_path(std::string_view city_slug, std::string_view file) {
  return fmt::format("/api/v1/cities/{}/media/{}", city_slug, file);
}

void add_media_routes(http::Router& router, storage::Store& store, const MediaConfig& config) {
  router.add(
      http::Method::post, "/api/v1/cities/{city}/media",
      [&store, config](http::RequestContext& ctx) -> http::Response {
        auto image = reencode_image(ctx.request.body, config);
        if (!image) return image.error();
        // Named by the stored bytes: the same upload twice is one image, and the URL never
        // changes meaning, so it can be cached forever.
        std::string name = fmt::format("{}.{}", identity::secret_digest(image->bytes).substr(0, 32),
                                       image->extension);
        auto city_id = ctx.city->id;
        auto written = store.transact(storage::Access::write, [&](storage::Transaction& tx) {
          auto inserted = tx.execute(
              "INSERT INTO media (city_id, name, content_type, width, height, data, created_at)"
              " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (city_id, name) DO NOTHING",
              {city_id, name, image->content_type, std::int64_t{image->width},
               std::int64_t{image->height}, storage::Blob{image->bytes}, unix_millis()});
          if (inserted > 0)
            identity::record_audit(tx, identity::actor_of(ctx),
                                   {ctx.city->slug, "media.upload", "media", name, nullptr,
                                    json::object{{"content_type", image->content_type},
                                                 {"width", image->width},
                                                 {"height", image->height},
                                                 {"bytes", image->bytes.size()}}});
        });
        if (!written) return written.error();
        auto url = media_path(ctx.city->slug, name);
        auto response = http::json_response(
            201, json::serialize(json::object{{"url", url},
                                              {"width", image->width},
                                              {"height", image->height},
                                              {"content_type", image->content_type},
                                              {"bytes", image->bytes.size()}}));
        response.set_header("Location", url);
        return response;
      },
      {.blocking = true,
       .access = http::Access::city_content,
       .max_body_bytes = config.max_upload_bytes});

  router.add(http::Method::get, "/api/v1/cities/{city}/media/{file}",
             [&store](http::RequestContext& ctx) -> http::Response {
               std::string name(ctx.param("file"));
               auto row = store.read([&](storage::Transaction& tx) {
                 return tx.query_one(
                     "SELECT content_type, data FROM media WHERE city_id = $1 AND name = $2",
                     {ctx.city->id, name});
               });
               if (!row) return row.error();
               if (!*row) return Error(Errc::not_found, "No such image");
               // Already compressed: no gzip variant.
               auto entity = http::make_entity((*row)->text(0), (*row)->blob(1), /*compress=*/false,
                                               "public, max-age=31536000, immutable");
               return http::entity_response(std::move(entity));
             },
             {.blocking = true, .access = http::Access::public_});
}

std::optional<ImageRef> read_image(JsonReader& reader, std::string_view key,
                                   std::string_view city_slug) {
  const json::object* object = reader.object(key, /*required=*/false);
  if (object == nullptr) return std::nullopt;
  JsonReader r(*object, reader.path(key));
  ImageRef image;
  image.url = r.link("url", 1000, /*allow_root_relative=*/true);
  std::string own_prefix = media_path(city_slug, "");
  bool own = image.url.starts_with(own_prefix) && image.url.size() > own_prefix.size() &&
             image.url.find('/', own_prefix.size()) == std::string::npos;
  if (image.url.empty()) r.fail("url", "is required");
  if (!own && !image.url.starts_with("https://"))
    r.fail("url", fmt::format("must be an image uploaded to {} or an https:// URL", own_prefix));
  image.alt = r.text("alt", 300, "");
  bool decorative = r.boolean("decorative", false);
  if (image.alt.empty() && !decorative)
    r.fail("alt", "describe the image for people who cannot see it (or mark it decorative)");
  r.finish();
  return image;
}

json::value image_json(const std::optional<ImageRef>& image) {
  if (!image) return nullptr;
  return json::object{{"url", image->url}, {"alt", image->alt}};
}

}  // namespace mosaik::shared
