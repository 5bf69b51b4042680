// Rich text (Markdown / HTML -> the safe subset) and image re-encoding (content/).
#include <gtest/gtest.h>
#include <zlib.h>

#include <vips/vips8>

#include "shared/media.hpp"
#include "shared/read_cache.hpp"
#include "shared/rich_text.hpp"

namespace mosaik::shared {
namespace {

TEST(RichText, MarkdownBecomesTheSafeSubset) {
  auto html = to_safe_html(
      "# Baustelle\n\nDie **Brücke** ist _gesperrt_. [Mehr](https://stadt.example/b)\n\n"
      "- eins\n- zwei\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))",
      TextFormat::markdown);
  EXPECT_EQ(html,
            "<h2>Baustelle</h2>\n<p>Die <strong>Brücke</strong> ist <em>gesperrt</em>. <a "
            "href=\"https://stadt.example/b\" rel=\"noopener noreferrer\">Mehr</a></p>\n<ul>\n"
            "<li>eins</li>\n<li>zwei</li>\n</ul>\n\n<p><a>x</a></p>");
}

TEST(RichText, HtmlIsSanitisedByAnAllowList) {
  auto html = to_safe_html(
      "<div class=x onclick=\"steal()\"><p style=\"color:red\">Hallo <b>Welt</b>"
      "<img src=x onerror=alert(1)></p><script>evil()</script><style>p{}</style>"
      "<a href=\" jav\tascript:alert(1)\">a</a><a href=\"mailto:info@stadt.example\">m</a>"
      "<iframe src=\"https://evil\">inner</iframe><h1>T</h1><h6>U</h6>&lt;ok&gt; &amp; \"q\"",
      TextFormat::html);
  EXPECT_EQ(html,
            "<p>Hallo <strong>Welt</strong></p><a>a</a><a href=\"mailto:info@stadt.example\" "
            "rel=\"noopener noreferrer\">m</a><h2>T</h2><h4>U</h4>&lt;ok&gt; &amp; \"q\"");
}

TEST(RichText, BrokenHtmlStillGivesWellFormedOutput) {
  EXPECT_EQ(to_safe_html("<p>offen <em>kursiv", TextFormat::html), "<p>offen <em>kursiv</em></p>");
  EXPECT_EQ(to_safe_html("", TextFormat::markdown), "");
  EXPECT_EQ(to_safe_html("<!-- nur ein Kommentar -->", TextFormat::html), "");
}

TEST(RichText, PlainTextCollapsesAndCutsAtAWord) {
  EXPECT_EQ(plain_text("<p>Die  Stadt</p><p>informiert\n über <b>Sperrungen</b>.</p>", 100),
            "Die Stadt informiert über Sperrungen.");
  EXPECT_EQ(plain_text("<p>Die Stadt informiert über Sperrungen.</p>", 20), "Die Stadt…");
  EXPECT_EQ(plain_text("<p>Öffnungszeiten</p>", 5), "Öffn…");
  EXPECT_EQ(plain_text("<script>x()</script><p>Text</p>", 100), "Text");
}

TEST(RichText, EscapeHtml) {
  EXPECT_EQ(escape_html("a<b>&\"c\""), "a&lt;b&gt;&amp;&quot;c&quot;");
}

std::string encode(const vips::VImage& image, const char* format) {
  void* buffer = nullptr;
  std::size_t size = 0;
  image.write_to_buffer(format, &buffer, &size);
  std::string out(static_cast<const char*>(buffer), size);
  g_free(buffer);
  return out;
}

vips::VImage test_image(int width, int height, int bands) {
  init_image_library();
  std::vector<double> colour{200, 40, 40, 128};
  colour.resize(static_cast<std::size_t>(bands));
  return vips::VImage::black(width, height, vips::VImage::option()->set("bands", bands))
      .new_from_image(colour)
      .cast(VIPS_FORMAT_UCHAR);
}

// A JPEG with an APP1 Exif segment (a minimal TIFF header) right after SOI.
std::string jpeg_with_exif(const std::string& jpeg) {
  std::string tiff("II*\0\x08\0\0\0\0\0", 10);
  std::string payload = std::string("Exif\0\0", 6) + tiff + "GPS-SECRET";
  std::string segment = "\xFF\xE1";
  auto length = static_cast<unsigned>(payload.size() + 2);
  segment += static_cast<char>(length >> 8);
  segment += static_cast<char>(length & 0xFF);
  segment += payload;
  return jpeg.substr(0, 2) + segment + jpeg.substr(2);
}

TEST(Media, JpegIsReencodedWithoutMetadata) {
  auto input = jpeg_with_exif(encode(test_image(640, 480, 3), ".jpg"));
  ASSERT_NE(input.find("Exif"), std::string::npos);
  auto out = reencode_image(input, MediaConfig{});
  ASSERT_TRUE(out) << out.error().detail();
  EXPECT_EQ(out->content_type, "image/jpeg");
  EXPECT_EQ(out->extension, "jpg");
  EXPECT_EQ(out->width, 640);
  EXPECT_EQ(out->height, 480);
  EXPECT_EQ(out->bytes.substr(0, 3), "\xFF\xD8\xFF");
  EXPECT_EQ(out->bytes.find("Exif"), std::string::npos);
  EXPECT_EQ(out->bytes.find("GPS-SECRET"), std::string::npos);
}

TEST(Media, LargeImagesAreScaledDownAndTransparencyKeepsPng) {
  MediaConfig limits;
  limits.max_edge = 256;
  auto out = reencode_image(encode(test_image(1024, 512, 4), ".png"), limits);
  ASSERT_TRUE(out) << out.error().detail();
  EXPECT_EQ(out->content_type, "image/png");
  EXPECT_EQ(out->width, 256);
  EXPECT_EQ(out->height, 128);
  auto webp = reencode_image(encode(test_image(300, 200, 3), ".webp"), limits);
  ASSERT_TRUE(webp) << webp.error().detail();
  EXPECT_EQ(webp->content_type, "image/jpeg");
}

TEST(Media, HeicPhotosFromPhonesAreReencodedAsJpeg) {
  std::string heic;
  try {
    heic = encode(test_image(320, 240, 3), ".heic");
  } catch (const vips::VError& e) {
    GTEST_SKIP() << "this libvips/libheif cannot write HEIC to make the test image: " << e.what();
  }
  auto out = reencode_image(heic, MediaConfig{});
  ASSERT_TRUE(out) << out.error().detail();
  EXPECT_EQ(out->content_type, "image/jpeg");
  EXPECT_EQ(out->width, 320);
  EXPECT_EQ(out->height, 240);
}

TEST(Media, NonImagesAreRefusedByContentNotName) {
  auto text = reencode_image("Dies ist kein Bild, auch wenn es foto.jpg heißt.", MediaConfig{});
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code(), Errc::unsupported_media_type);
  auto svg = reencode_image("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", MediaConfig{});
  ASSERT_FALSE(svg);
  EXPECT_EQ(svg.error().code(), Errc::unsupported_media_type);
  EXPECT_FALSE(reencode_image("", MediaConfig{}));
}

std::uint32_t big_endian(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = v << 8 | static_cast<unsigned char>(s[at + i]);
  return v;
}
void put_big_endian(std::string& s, std::size_t at, std::uint32_t v) {
  for (std::size_t i = 0; i < 4; ++i) s[at + i] = static_cast<char>(v >> (24 - 8 * i));
}

TEST(Media, DecompressionBombIsRefusedBeforeDecoding) {
  // A small PNG whose IHDR claims 50000 x 50000 pixels (CRC fixed up, so the header is valid).
  auto png = encode(test_image(16, 16, 3), ".png");
  ASSERT_EQ(png.substr(12, 4), "IHDR");
  put_big_endian(png, 16, 50000);
  put_big_endian(png, 20, 50000);
  auto crc = crc32(0, reinterpret_cast<const Bytef*>(png.data() + 12), 17);
  put_big_endian(png, 29, static_cast<std::uint32_t>(crc));
  ASSERT_EQ(big_endian(png, 16), 50000u);
  auto out = reencode_image(png, MediaConfig{});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code(), Errc::validation_failed);
  EXPECT_NE(out.error().detail().find("50000x50000"), std::string::npos) << out.error().detail();
}

TEST(Media, DamagedImageIsAValidationError) {
  auto jpeg = encode(test_image(200, 200, 3), ".jpg");
  auto out = reencode_image(jpeg.substr(0, jpeg.size() / 3), MediaConfig{});
  ASSERT_FALSE(out);
  EXPECT_EQ(out.error().code(), Errc::validation_failed);
}

TEST(Media, ReadImageAcceptsOwnMediaAndHttpsOnly) {
  auto read = [](std::string_view doc) {
    auto object = json::parse(doc).as_object();
    return read_strictly<std::optional<ImageRef>>([&] {
      JsonReader r(object);
      auto image = read_image(r, "image", "dortmund");
      r.finish();
      return image;
    });
  };
  auto own =
      read(R"({"image": {"url": "/api/v1/cities/dortmund/media/ab12.jpg", "alt": "Rathaus"}})");
  ASSERT_TRUE(own);
  EXPECT_EQ((*own)->alt, "Rathaus");
  EXPECT_TRUE(read(R"({"image": null})"));
  EXPECT_TRUE(
      read(R"({"image": {"url": "https://cdn.example/a.jpg", "alt": "", "decorative": true}})"));
  auto other_city =
      read(R"({"image": {"url": "/api/v1/cities/schwerte/media/ab12.jpg", "alt": "x"}})");
  ASSERT_FALSE(other_city);
  EXPECT_EQ(other_city.error().field(), "image.url");
  auto no_alt = read(R"({"image": {"url": "https://cdn.example/a.jpg"}})");
  ASSERT_FALSE(no_alt);
  EXPECT_EQ(no_alt.error().field(), "image.alt");
  EXPECT_FALSE(read(R"({"image": {"url": "http://cdn.example/a.jpg", "alt": "x"}})"));
  EXPECT_FALSE(read(R"j({"image": {"url": "javascript:alert(1)", "alt": "x"}})j"));
}

TEST(ReadCache, KeepsAnswersBrieflyAndNeverPastAScheduledPublication) {
  ReadCache cache;
  auto entity = http::make_entity("application/json", "{}");
  cache.put(1, "list?", entity, 1'000, std::nullopt);
  EXPECT_EQ(cache.get(1, "list?", 1'000 + kReadCacheTtlMs - 1), entity);
  EXPECT_EQ(cache.get(1, "list?", 1'000 + kReadCacheTtlMs), nullptr);
  EXPECT_EQ(cache.get(2, "list?", 1'000), nullptr) << "per city";

  cache.put(1, "feed.rss", entity, 1'000, 1'500);  // an item becomes public at 1.5 s
  EXPECT_EQ(cache.get(1, "feed.rss", 1'499), entity);
  EXPECT_EQ(cache.get(1, "feed.rss", 1'500), nullptr);

  cache.put(1, "a", entity, 1'000, std::nullopt);
  cache.put(2, "a", entity, 1'000, std::nullopt);
  cache.invalidate(1);
  EXPECT_EQ(cache.get(1, "a", 1'001), nullptr);
  EXPECT_EQ(cache.get(2, "a", 1'001), entity) << "other cities keep theirs";

  for (std::size_t i = 0; i < kReadCacheMaxEntries + 5; ++i)
    cache.put(3, "list?cursor=" + std::to_string(i), entity, 1'000, std::nullopt);
  EXPECT_EQ(cache.get(3, "list?cursor=" + std::to_string(kReadCacheMaxEntries + 4), 1'001), entity);
  EXPECT_EQ(cache.get(3, "list?cursor=0", 1'001), nullptr) << "bounded";
}

TEST(ReadCache, ExpiredEntriesAreSweptAndTheBytesAreBounded) {
  ReadCache cache;
  auto big = http::make_entity("application/json", std::string(1024 * 1024, 'x'),
                               /*compress=*/false);
  // 20 answers of 1 MB for boxes nobody asks for again, each after the last expired: only the
  // newest stays (the others are swept, not kept until 2,000 entries).
  for (int i = 0; i < 20; ++i)
    cache.put(1, "map?bbox=" + std::to_string(i), big, 1'000 + i * kReadCacheTtlMs, std::nullopt);
  EXPECT_EQ(cache.get(1, "map?bbox=19", 1'000 + 19 * kReadCacheTtlMs), big);
  // Within one TTL, more than kReadCacheMaxBytes of answers: the cache starts over.
  for (std::size_t i = 0; i <= kReadCacheMaxBytes / (1024 * 1024); ++i)
    cache.put(2, "map?bbox=" + std::to_string(i), big, 100'000, std::nullopt);
  EXPECT_EQ(cache.get(2, "map?bbox=0", 100'001), nullptr) << "dropped with the rest";
  auto last = std::to_string(kReadCacheMaxBytes / (1024 * 1024));
  EXPECT_EQ(cache.get(2, "map?bbox=" + last, 100'001), big);
}

}  // namespace
}  // namespace mosaik::shared
