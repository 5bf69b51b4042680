#include "support/test_images.hpp"

#include <sodium.h>
#include <zlib.h>

#include <vips/vips8>

#include "shared/media.hpp"

namespace mosaik::testing {

namespace {

std::string encode(const vips::VImage& image, const char* suffix) {
  void* buffer = nullptr;
  std::size_t size = 0;
  image.write_to_buffer(suffix, &buffer, &size);
  std::string out(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return out;
}

void put_big_endian(std::string& s, std::size_t at, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (24 - 8 * i)) & 0xFF);
}

vips::VImage blue(int width, int height) {
  shared::init_image_library();
  return vips::VImage::black(width, height, vips::VImage::option()->set("bands", 3))
      .new_from_image({30, 120, 200})
      .cast(VIPS_FORMAT_UCHAR);
}

}  // namespace

std::string test_jpeg(int width, int height, bool with_exif) {
  auto out = encode(blue(width, height), ".jpg");
  if (!with_exif) return out;
  std::string payload = std::string("Exif\0\0II*\0\x08\0\0\0\0\0", 16) + "GPS 51.51N 7.46E";
  std::string segment = "\xFF\xE1";
  segment += static_cast<char>((payload.size() + 2) >> 8);
  segment += static_cast<char>((payload.size() + 2) & 0xFF);
  return out.substr(0, 2) + segment + payload + out.substr(2);
}

std::string bomb_png() {
  auto png = encode(blue(16, 16), ".png");
  put_big_endian(png, 16, 50000);
  put_big_endian(png, 20, 50000);
  auto crc = crc32(0, reinterpret_cast<const Bytef*>(png.data() + 12), 17);
  put_big_endian(png, 29, static_cast<std::uint32_t>(crc));
  return png;
}

std::string base64(std::string_view bytes) {
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

}  // namespace mosaik::testing
