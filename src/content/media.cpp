// TEMPORARY SHIM (events branch): replaced by main's src/content/media.* on merge.
#include "content/media.hpp"

namespace mosaik::content {

std::optional<ImageRef> read_image(JsonReader& reader, std::string_view key,
                                   std::string_view city_slug) {
  const json::object* o = reader.object(key, false);
  if (!o) return std::nullopt;
  JsonReader r(*o, reader.path(key));
  ImageRef image;
  image.url = r.link("url", 1000, true);
  std::string prefix = "/api/v1/cities/" + std::string(city_slug) + "/media/";
  if (!(image.url.starts_with("https://") || image.url.starts_with(prefix)))
    r.fail("url", "must be a media URL of this city or an https URL");
  bool decorative = r.boolean("decorative", false);
  image.alt = r.text("alt", 300, decorative ? std::optional<std::string>("") : std::nullopt);
  r.finish();
  return image;
}

json::value image_json(const std::optional<ImageRef>& image) {
  if (!image) return nullptr;
  return json::object{{"url", image->url}, {"alt", image->alt}};
}

}  // namespace mosaik::content
