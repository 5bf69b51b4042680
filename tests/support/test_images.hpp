// Images made by the tests themselves (libvips): a JPEG with a GPS EXIF segment, a PNG whose
// header claims 50,000 x 50,000 pixels (a decompression bomb), and base64 for JSON bodies.
#pragma once

#include <string>
#include <string_view>

namespace mosaik::testing {

// A plain blue JPEG; with `with_exif` an APP1 "Exif" segment that carries "GPS 51.51N 7.46E".
std::string test_jpeg(int width, int height, bool with_exif);
// A valid 16x16 PNG whose IHDR was changed to 50,000 x 50,000 (with a correct CRC).
std::string bomb_png();
// Standard base64 with padding.
std::string base64(std::string_view bytes);

}  // namespace mosaik::testing
