// TEMPORARY SHIM (events branch): replaced by main's src/content/media.* on merge.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/json.hpp"
#include "core/json_reader.hpp"

namespace mosaik::content {

struct ImageRef {
  std::string url;
  std::string alt;
};

std::optional<ImageRef> read_image(JsonReader& reader, std::string_view key,
                                   std::string_view city_slug);
json::value image_json(const std::optional<ImageRef>& image);

}  // namespace mosaik::content
