// The city's installable web app (app shell, web app manifest, icons) and image uploads,
// through the real mosaikd.
#include <gtest/gtest.h>

#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/staff.hpp"
#include "support/test_images.hpp"

namespace mosaik::testing {
namespace {

constexpr std::string_view kIndex =
    "<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>Mosaik</title>"
    "</head><body><div id=\"app\"></div></body></html>";

class WebAppTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ServerProcess::Options options;
    options.web_files = {{"index.html", std::string(kIndex)}, {"app-abc123.js", "console.log(1)"}};
    options.args = {"--set", "media.max_upload_bytes=300000"};
    server = new ServerProcess(options);
    editor_password = fresh_password();
    create_staff(server->database_url(), "redaktion@dortmund.example", editor_password,
                 {"editor:dortmund"});
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static std::uint16_t port() { return server->port(); }
  static StaffSession editor() {
    return sign_in(port(), "redaktion@dortmund.example", editor_password);
  }
  static ServerProcess* server;
  static std::string editor_password;
};
ServerProcess* WebAppTest::server = nullptr;
std::string WebAppTest::editor_password;

TEST_F(WebAppTest, DeepLinksOfACityGetItsAppShell) {
  for (std::string path : {"/dortmund", "/dortmund/", "/dortmund/news/12", "/dortmund/events"}) {
    auto r = get(port(), path);
    ASSERT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.header("Content-Type"), "text/html; charset=utf-8") << path;
    EXPECT_NE(r.body.find("<title>Dortmund – Mosaik</title>"), std::string::npos) << r.body;
    EXPECT_NE(
        r.body.find(R"(<link rel="manifest" href="/api/v1/cities/dortmund/manifest.webmanifest">)"),
        std::string::npos);
    EXPECT_NE(r.body.find(R"(<meta name="theme-color" content="#)"), std::string::npos);
    EXPECT_NE(r.body.find(
                  R"(<link rel="apple-touch-icon" href="/api/v1/cities/dortmund/icons/192.png">)"),
              std::string::npos);
    EXPECT_EQ(r.header("Cache-Control"), "no-cache");
  }
  // Another city, another shell; unknown first segments and the plain index stay as they are.
  EXPECT_NE(get(port(), "/schwerte/news").body.find("<title>Schwerte – Mosaik</title>"),
            std::string::npos);
  EXPECT_EQ(get(port(), "/").body, kIndex);
  EXPECT_EQ(get(port(), "/console/staff").body, kIndex);
  EXPECT_EQ(get(port(), "/nirgendwo/news").body, kIndex);
  EXPECT_EQ(get(port(), "/dortmund/missing.js").status, 404);
}

TEST_F(WebAppTest, WebAppManifestPerCity) {
  auto r = get(port(), "/api/v1/cities/dortmund/manifest.webmanifest");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.header("Content-Type"), "application/manifest+json");
  auto m = r.json().as_object();
  EXPECT_EQ(m["short_name"], "Dortmund");
  EXPECT_EQ(m["start_url"], "/dortmund");
  EXPECT_EQ(m["id"], "/dortmund");
  EXPECT_EQ(m["display"], "standalone");
  EXPECT_EQ(m["lang"], "de");
  auto city = get(port(), "/api/v1/cities/dortmund").json().as_object();
  EXPECT_EQ(m["theme_color"], city["branding"].as_object()["primary_color"]);
  EXPECT_EQ(city["web_manifest"], "/api/v1/cities/dortmund/manifest.webmanifest");
  ASSERT_TRUE(city["feeds"].is_object());
  auto icons = m["icons"].as_array();
  ASSERT_EQ(icons.size(), 3u);
  for (const auto& icon : icons) {
    auto src = std::string(icon.as_object().at("src").as_string());
    auto png = get(port(), src);
    ASSERT_EQ(png.status, 200) << src;
    EXPECT_EQ(png.header("Content-Type"), "image/png");
    EXPECT_EQ(png.body.substr(1, 3), "PNG");
    // IHDR width: the size the manifest promises.
    auto width =
        (static_cast<unsigned char>(png.body[18]) << 8) | static_cast<unsigned char>(png.body[19]);
    auto sizes = std::string(icon.as_object().at("sizes").as_string());
    EXPECT_EQ(std::to_string(width) + "x" + std::to_string(width), sizes);
  }
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/icons/64.png").status, 404);
  EXPECT_EQ(get(port(), "/api/v1/cities/atlantis/manifest.webmanifest").status, 404);
}

TEST_F(WebAppTest, EditorUploadsAnImageStoredWithoutMetadata) {
  auto session = editor();
  ASSERT_FALSE(session.session_id.empty());
  auto headers = session.writer();
  headers.emplace_back("Content-Type", "image/jpeg");
  auto upload =
      request(port(), "POST", "/api/v1/cities/dortmund/media", headers, test_jpeg(800, 600, true));
  ASSERT_EQ(upload.status, 201) << upload.body;
  auto body = upload.json().as_object();
  auto url = std::string(body["url"].as_string());
  EXPECT_TRUE(url.starts_with("/api/v1/cities/dortmund/media/")) << url;
  EXPECT_TRUE(url.ends_with(".jpg")) << url;
  EXPECT_EQ(upload.header("Location"), url);
  EXPECT_EQ(body["width"], 800);
  EXPECT_EQ(body["height"], 600);
  EXPECT_EQ(body["content_type"], "image/jpeg");

  auto image = get(port(), url);
  ASSERT_EQ(image.status, 200);
  EXPECT_EQ(image.header("Content-Type"), "image/jpeg");
  EXPECT_EQ(image.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(image.body.size(), body["bytes"].to_number<std::size_t>());
  EXPECT_EQ(image.body.find("Exif"), std::string::npos);
  EXPECT_EQ(image.body.find("GPS"), std::string::npos);

  // The same picture again is the same stored image; another city does not have it.
  auto again =
      request(port(), "POST", "/api/v1/cities/dortmund/media", headers, test_jpeg(800, 600, true));
  ASSERT_EQ(again.status, 201);
  EXPECT_EQ(again.json().as_object()["url"].as_string(), url);
  auto other = url;
  other.replace(other.find("dortmund"), 8, "schwerte");
  EXPECT_EQ(get(port(), other).status, 404);

  auto audit = get(port(), "/api/v1/cities/dortmund/audit", session.cookie());
  EXPECT_EQ(audit.status, 403);  // editors do not read the audit log; the upload is in it:
}

TEST_F(WebAppTest, UploadsAreCheckedByContentSizeAndPermission) {
  auto session = editor();
  auto headers = session.writer();
  headers.emplace_back("Content-Type", "image/jpeg");
  auto text = request(port(), "POST", "/api/v1/cities/dortmund/media", headers,
                      "Kein Bild, nur ein Name: foto.jpg");
  EXPECT_EQ(text.status, 415);
  EXPECT_EQ(text.json().as_object()["type"], "urn:mosaik:problem:unsupported-media-type");
  // Over media.max_upload_bytes (300000 here): refused before the body is read.
  auto big =
      request(port(), "POST", "/api/v1/cities/dortmund/media", headers, std::string(400000, 'x'));
  EXPECT_EQ(big.status, 413);
  EXPECT_NE(big.body.find("300000"), std::string::npos) << big.body;
  // Other routes keep the general body limit; uploads need an editor of the city.
  EXPECT_EQ(request(port(), "POST", "/api/v1/cities/dortmund/media",
                    {{"Content-Type", "image/jpeg"}}, test_jpeg(10, 10, false))
                .status,
            401);
  EXPECT_EQ(
      request(port(), "POST", "/api/v1/cities/schwerte/media", headers, test_jpeg(10, 10, false))
          .status,
      403);
}

}  // namespace
}  // namespace mosaik::testing
