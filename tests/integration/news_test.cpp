// The news module through the real binaries: editors write, schedule, unpublish and delete news;
// the public reads JSON pages, RSS and Atom; bad input is refused with the field and stores
// nothing; feeds of a loopback newsroom are imported by guid, without duplicates, and a broken
// feed is recorded while the others still import. Runs on SQLite and (TEST_BACKEND=postgres)
// PostgreSQL.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>
#include <pugixml.hpp>
#include <set>

#include "core/clock.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/staff.hpp"
#include "support/static_http_server.hpp"
#include "support/test_images.hpp"

namespace mosaik::testing {
namespace {

using namespace std::chrono_literals;

json::object body_of(const HttpResponse& r) {
  return r.json().as_object();
}
std::string text_at(const json::object& o, std::string_view key) {
  return std::string(o.at(key).as_string());
}

class NewsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    // Loopback feeds must not go through a proxy of the environment.
    server = new ServerProcess(ServerProcess::Options{
        .args = {"--set", "auth.cookie_secure=false", "--set",
                 "imports.allow_private_networks=true"},  // the newsroom is on loopback
        .env = {{"no_proxy", "127.0.0.1,localhost"}, {"NO_PROXY", "127.0.0.1,localhost"}}});
    password = fresh_password();
    create_staff(server->database_url(), "redaktion@dortmund.example", password,
                 {"editor:dortmund"});
    create_staff(server->database_url(), "redaktion@schwerte.example", password,
                 {"editor:schwerte"});
    create_staff(server->database_url(), "admin@schwerte.example", password,
                 {"city-admin:schwerte"});
    create_staff(server->database_url(), "admin@dortmund.example", password,
                 {"city-admin:dortmund"});
  }
  static void TearDownTestSuite() {
    delete server;
    server = nullptr;
  }
  static std::uint16_t port() { return server->port(); }
  static StaffSession staff(const std::string& email) { return sign_in(port(), email, password); }

  HttpResponse post_news(const StaffSession& s, const json::object& body,
                         std::string_view city = "dortmund") {
    return request(port(), "POST", fmt::format("/api/v1/cities/{}/news", city),
                   with_json(s.writer()), json::serialize(body));
  }
  HttpResponse put_news(const StaffSession& s, std::int64_t id, const json::object& body) {
    return request(port(), "PUT", fmt::format("/api/v1/cities/dortmund/news/{}", id),
                   with_json(s.writer()), json::serialize(body));
  }
  // Every visible item of a city's public list, walking pages of `limit`.
  std::vector<json::object> walk(const std::string& query, std::size_t limit,
                                 std::string_view city = "dortmund") {
    std::vector<json::object> out;
    std::string cursor;
    for (int page = 0; page < 100; ++page) {
      auto target = fmt::format("/api/v1/cities/{}/news?limit={}{}{}", city, limit, query,
                                cursor.empty() ? "" : "&cursor=" + cursor);
      auto r = get(port(), target);
      EXPECT_EQ(r.status, 200) << r.body;
      if (r.status != 200) break;
      auto body = body_of(r);
      EXPECT_LE(body.at("items").as_array().size(), limit);
      for (const auto& item : body.at("items").as_array()) out.push_back(item.as_object());
      if (body.at("next_cursor").is_null()) break;
      cursor = text_at(body, "next_cursor");
    }
    return out;
  }
  std::size_t editorial_count(const StaffSession& s, std::string_view city = "dortmund") {
    auto r =
        get(port(), fmt::format("/api/v1/cities/{}/news/editorial?limit=100", city), s.cookie());
    EXPECT_EQ(r.status, 200) << r.body;
    return body_of(r).at("items").as_array().size();
  }
  json::array audit(const StaffSession& admin, std::string_view city) {
    auto r = get(port(), fmt::format("/api/v1/cities/{}/audit?limit=50", city), admin.cookie());
    EXPECT_EQ(r.status, 200) << r.body;
    return body_of(r).at("items").as_array();
  }

  static ServerProcess* server;
  static std::string password;
};
ServerProcess* NewsTest::server = nullptr;
std::string NewsTest::password;

json::object item(std::string title) {
  return {{"title", std::move(title)},
          {"teaser", "Kurz gesagt."},
          {"body",
           "Ein **wichtiger** Hinweis mit [Link](https://www.dortmund.de).\n\n"
           "<script>alert(1)</script>"},
          {"category", "verkehr"},
          {"districts", json::array{"hombruch", "eving"}},
          {"source", "Tiefbauamt"},
          {"link", "https://www.dortmund.de/baustellen"},
          {"status", "published"}};
}

TEST_F(NewsTest, AnEditorPublishesAndThePublicReadsIt) {
  auto editor = staff("redaktion@dortmund.example");
  ASSERT_FALSE(editor.session_id.empty()) << editor.login_response.body;
  auto created = post_news(editor, item("Baustelle an der Harkortstraße"));
  ASSERT_EQ(created.status, 201) << created.body;
  auto news = body_of(created);
  auto id = news.at("id").as_int64();
  EXPECT_EQ(created.header("Location"), fmt::format("/api/v1/cities/dortmund/news/{}", id));
  EXPECT_EQ(text_at(news, "status"), "published");
  EXPECT_EQ(text_at(news, "body_format"), "markdown");
  auto html = text_at(news, "body_html");
  EXPECT_NE(html.find("<strong>wichtiger</strong>"), std::string::npos) << html;
  EXPECT_NE(html.find("href=\"https://www.dortmund.de\""), std::string::npos) << html;
  EXPECT_EQ(html.find("script"), std::string::npos) << html;
  EXPECT_EQ(html.find("alert"), std::string::npos) << html;
  // Times in the city's zone: Dortmund is at +01:00 in winter, +02:00 in summer.
  auto published = text_at(news, "published_at");
  EXPECT_TRUE(published.ends_with("+01:00") || published.ends_with("+02:00")) << published;
  EXPECT_EQ(text_at(news, "url"), fmt::format("/dortmund/news/{}", id));
  EXPECT_TRUE(news.at("import").is_null());

  auto detail = get(port(), fmt::format("/api/v1/cities/dortmund/news/{}", id));
  ASSERT_EQ(detail.status, 200) << detail.body;
  auto pub = body_of(detail);
  EXPECT_EQ(text_at(pub, "title"), "Baustelle an der Harkortstraße");
  EXPECT_EQ(text_at(pub, "body_html"), html);
  EXPECT_EQ(pub.at("districts"), (json::array{"hombruch", "eving"}));
  EXPECT_EQ(text_at(pub, "category"), "verkehr");
  EXPECT_FALSE(pub.contains("body")) << "the source is for editors only";
  EXPECT_FALSE(pub.contains("status"));
  for (const auto& [key, value] : pub) EXPECT_EQ(news.at(key), value) << key;

  auto listed = walk("", 100);
  EXPECT_TRUE(std::any_of(listed.begin(), listed.end(),
                          [&](const json::object& o) { return o.at("id").as_int64() == id; }));
  // Each city sees only its own news.
  EXPECT_EQ(get(port(), fmt::format("/api/v1/cities/schwerte/news/{}", id)).status, 404);

  auto entry = audit(staff("admin@dortmund.example"), "dortmund")[0].as_object();
  EXPECT_EQ(text_at(entry, "action"), "news.create");
  EXPECT_EQ(text_at(entry.at("object").as_object(), "id"), std::to_string(id));
  EXPECT_EQ(text_at(entry.at("after").as_object(), "title"), "Baustelle an der Harkortstraße");
  EXPECT_EQ(text_at(entry.at("actor").as_object(), "label"), "redaktion@dortmund.example");
}

TEST_F(NewsTest, AnUploadedImageGoesWithTheItemAndIntoTheFeed) {
  auto editor = staff("redaktion@dortmund.example");
  auto headers = editor.writer();
  headers.emplace_back("Content-Type", "image/jpeg");
  auto upload =
      request(port(), "POST", "/api/v1/cities/dortmund/media", headers, test_jpeg(64, 48, false));
  ASSERT_EQ(upload.status, 201) << upload.body;
  auto url = text_at(body_of(upload), "url");

  auto body = item("Neue Bänke am Phoenix-See");
  body["image"] = json::object{{"url", url}, {"alt", "Rote Bank am Seeufer"}};
  auto created = post_news(editor, body);
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = body_of(created).at("id").as_int64();
  auto pub = body_of(get(port(), fmt::format("/api/v1/cities/dortmund/news/{}", id)));
  EXPECT_EQ(pub.at("image"), (json::object{{"url", url}, {"alt", "Rote Bank am Seeufer"}}));
  EXPECT_EQ(get(port(), url).status, 200);
  // In the Atom feed as an enclosure with an absolute link (on the listen address: this server
  // has no server.public_url; a request's Host never makes links).
  auto atom = get(port(), "/api/v1/cities/dortmund/news/feed.atom", {{"Host", "app.example"}});
  EXPECT_NE(atom.body.find(fmt::format("href=\"http://127.0.0.1:{}{}\"", port(), url)),
            std::string::npos)
      << atom.body;

  // Another city's upload, or an image without a text alternative, is refused.
  auto schwertes = body;
  schwertes["image"] = json::object{{"url", "/api/v1/cities/schwerte/media/abc.jpg"}, {"alt", "x"}};
  auto r = post_news(editor, schwertes);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(text_at(body_of(r), "field"), "image.url");
  auto no_alt = body;
  no_alt["image"] = json::object{{"url", url}, {"alt", ""}};
  r = post_news(editor, no_alt);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(text_at(body_of(r), "field"), "image.alt");
  auto decorative = body;
  decorative["image"] = json::object{{"url", url}, {"alt", ""}, {"decorative", true}};
  EXPECT_EQ(post_news(editor, decorative).status, 201);
}

TEST_F(NewsTest, ScheduledNewsAppearsByItselfWhenDue) {
  auto editor = staff("redaktion@dortmund.example");
  auto due = std::chrono::system_clock::now() + 4s;
  auto body = item("Geplante Meldung");
  body["publish_at"] = rfc3339_utc(
      std::chrono::duration_cast<std::chrono::milliseconds>(due.time_since_epoch()).count());
  auto created = post_news(editor, body);
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = body_of(created).at("id").as_int64();
  EXPECT_EQ(text_at(body_of(created), "status"), "scheduled");
  auto target = fmt::format("/api/v1/cities/dortmund/news/{}", id);
  EXPECT_EQ(get(port(), target).status, 404);
  auto in_list = [&] {
    auto all = walk("", 100);
    return std::any_of(all.begin(), all.end(),
                       [&](const json::object& o) { return o.at("id").as_int64() == id; });
  };
  EXPECT_FALSE(in_list());
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/news/feed.rss").body.find("Geplante Meldung"),
            std::string::npos);
  auto scheduled =
      get(port(), "/api/v1/cities/dortmund/news/editorial?status=scheduled", editor.cookie());
  EXPECT_NE(scheduled.body.find("Geplante Meldung"), std::string::npos);

  std::this_thread::sleep_until(due + 300ms);
  EXPECT_EQ(get(port(), target).status, 200);
  EXPECT_TRUE(in_list());
  EXPECT_NE(get(port(), "/api/v1/cities/dortmund/news/feed.rss").body.find("Geplante Meldung"),
            std::string::npos);
  auto now = body_of(
      get(port(), "/api/v1/cities/dortmund/news/editorial/" + std::to_string(id), editor.cookie()));
  EXPECT_EQ(text_at(now, "status"), "published");
}

TEST_F(NewsTest, UnpublishedNewsIsGoneFromThePublicAndDeletedNewsForGood) {
  auto editor = staff("redaktion@dortmund.example");
  auto draft = item("Noch ein Entwurf");
  draft["status"] = "draft";
  auto created = post_news(editor, draft);
  ASSERT_EQ(created.status, 201) << created.body;
  auto id = body_of(created).at("id").as_int64();
  EXPECT_EQ(text_at(body_of(created), "status"), "draft");
  EXPECT_TRUE(body_of(created).at("published_at").is_null());
  auto target = fmt::format("/api/v1/cities/dortmund/news/{}", id);
  EXPECT_EQ(get(port(), target).status, 404);

  auto published = put_news(editor, id, item("Jetzt veröffentlicht"));
  ASSERT_EQ(published.status, 200) << published.body;
  EXPECT_EQ(text_at(body_of(published), "status"), "published");
  EXPECT_EQ(text_at(body_of(get(port(), target)), "title"), "Jetzt veröffentlicht");

  auto unpublish = item("Jetzt veröffentlicht");
  unpublish["status"] = "draft";
  auto hidden = put_news(editor, id, unpublish);
  ASSERT_EQ(hidden.status, 200) << hidden.body;
  EXPECT_EQ(text_at(body_of(hidden), "status"), "draft");
  EXPECT_EQ(get(port(), target).status, 404);
  auto drafts = get(port(), "/api/v1/cities/dortmund/news/editorial?status=draft", editor.cookie());
  EXPECT_NE(drafts.body.find("Jetzt veröffentlicht"), std::string::npos);

  auto admin = staff("admin@dortmund.example");
  auto updates = audit(admin, "dortmund");
  EXPECT_EQ(text_at(updates[0].as_object(), "action"), "news.update");
  EXPECT_EQ(text_at(updates[0].as_object().at("before").as_object(), "status"), "published");
  EXPECT_EQ(text_at(updates[0].as_object().at("after").as_object(), "status"), "draft");

  auto deleted = request(port(), "DELETE", target, editor.writer());
  EXPECT_EQ(deleted.status, 204);
  EXPECT_TRUE(deleted.body.empty());
  EXPECT_EQ(
      get(port(), "/api/v1/cities/dortmund/news/editorial/" + std::to_string(id), editor.cookie())
          .status,
      404);
  EXPECT_EQ(request(port(), "DELETE", target, editor.writer()).status, 404);
  auto entry = audit(admin, "dortmund")[0].as_object();
  EXPECT_EQ(text_at(entry, "action"), "news.delete");
  EXPECT_EQ(text_at(entry.at("before").as_object(), "title"), "Jetzt veröffentlicht");
  EXPECT_TRUE(entry.at("after").is_null());
}

TEST_F(NewsTest, PinnedFirstThenNewestWithPagesAndFilters) {
  auto all = walk("", 100);
  ASSERT_GE(all.size(), 11u);
  // Pinned first, then by publication time, newest first.
  bool seen_unpinned = false;
  for (std::size_t i = 0; i < all.size(); ++i) {
    bool pinned = all[i].at("pinned").as_bool();
    EXPECT_FALSE(pinned && seen_unpinned) << "pinned item after an unpinned one at " << i;
    seen_unpinned = seen_unpinned || !pinned;
    if (i > 0 && pinned == all[i - 1].at("pinned").as_bool()) {
      EXPECT_GE(text_at(all[i - 1], "published_at"), text_at(all[i], "published_at"));
    }
  }
  EXPECT_TRUE(all.front().at("pinned").as_bool()) << "the demo pins one item";
  // Pages of 3 walk the same list, each item once.
  auto paged = walk("", 3);
  ASSERT_EQ(paged.size(), all.size());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(paged[i].at("id"), all[i].at("id"));

  auto kultur = walk("&category=kultur", 2);
  ASSERT_FALSE(kultur.empty());
  for (const auto& o : kultur) EXPECT_EQ(text_at(o, "category"), "kultur");
  auto hombruch = walk("&district=hombruch", 2);
  ASSERT_FALSE(hombruch.empty());
  for (const auto& o : hombruch) {
    const auto& d = o.at("districts").as_array();
    EXPECT_NE(std::find(d.begin(), d.end(), json::value("hombruch")), d.end());
  }
  EXPECT_LT(hombruch.size(), all.size());

  for (auto [query, field] : {std::pair{"category=gibtsnicht", "category"},
                              {"district=kreuzviertel", "district"},
                              {"limit=0", "limit"},
                              {"limit=101", "limit"},
                              {"cursor=%25%25", "cursor"},
                              {"cursor=YWJj", "cursor"}}) {
    auto r = get(port(), fmt::format("/api/v1/cities/dortmund/news?{}", query));
    EXPECT_EQ(r.status, 422) << query;
    EXPECT_EQ(text_at(body_of(r), "field"), field) << query;
  }
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/news/abc").status, 422);
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/news/0").status, 422);
  EXPECT_EQ(get(port(), "/api/v1/cities/atlantis/news").status, 404);
}

TEST_F(NewsTest, RssAndAtomCarryTheSameItemsAsTheJsonApi) {
  // Newest first by publication time: the JSON list without the pinned-first order.
  auto all = walk("", 100);
  std::stable_sort(all.begin(), all.end(), [](const json::object& a, const json::object& b) {
    return text_at(a, "published_at") > text_at(b, "published_at");
  });

  auto rss = get(port(), "/api/v1/cities/dortmund/news/feed.rss");
  auto origin = fmt::format("http://127.0.0.1:{}", port());
  ASSERT_EQ(rss.status, 200);
  EXPECT_EQ(rss.header("Content-Type"), "application/rss+xml; charset=utf-8");
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(rss.body.c_str()));
  auto channel = doc.child("rss").child("channel");
  EXPECT_STREQ(doc.child("rss").attribute("version").as_string(), "2.0");
  EXPECT_STREQ(channel.child("title").text().as_string(), "Dortmund: Nachrichten");
  EXPECT_STREQ(channel.child("atom:link").attribute("href").as_string(),
               (origin + "/api/v1/cities/dortmund/news/feed.rss").c_str());
  std::vector<pugi::xml_node> items;
  for (auto i : channel.children("item")) items.push_back(i);
  ASSERT_EQ(items.size(), std::min<std::size_t>(all.size(), 50));
  for (std::size_t i = 0; i < items.size(); ++i) {
    EXPECT_EQ(items[i].child("title").text().as_string(), text_at(all[i], "title"));
    EXPECT_EQ(items[i].child("link").text().as_string(), origin + text_at(all[i], "url"));
    EXPECT_EQ(items[i].child("guid").text().as_string(),
              std::string(items[i].child("link").text().as_string()));
    EXPECT_EQ(items[i].child("content:encoded").text().as_string(), text_at(all[i], "body_html"));
    EXPECT_EQ(items[i].child("description").text().as_string(), text_at(all[i], "teaser"));
    std::string date = items[i].child("pubDate").text().as_string();
    EXPECT_TRUE(date.ends_with(" +0000") && date.size() == 31) << date;
  }

  auto atom = get(port(), "/api/v1/cities/dortmund/news/feed.atom?category=kultur");
  ASSERT_EQ(atom.status, 200);
  EXPECT_EQ(atom.header("Content-Type"), "application/atom+xml; charset=utf-8");
  pugi::xml_document adoc;
  ASSERT_TRUE(adoc.load_string(atom.body.c_str()));
  auto feed = adoc.child("feed");
  EXPECT_STREQ(feed.attribute("xmlns").as_string(), "http://www.w3.org/2005/Atom");
  EXPECT_STREQ(feed.child("title").text().as_string(), "Dortmund: Nachrichten – Kultur & Freizeit");
  std::vector<json::object> kultur;
  for (const auto& o : all)
    if (text_at(o, "category") == "kultur") kultur.push_back(o);
  std::size_t n = 0;
  for (auto entry : feed.children("entry")) {
    ASSERT_LT(n, kultur.size());
    EXPECT_EQ(entry.child("title").text().as_string(), text_at(kultur[n], "title"));
    EXPECT_EQ(entry.child("published").text().as_string(), text_at(kultur[n], "published_at"));
    EXPECT_STREQ(entry.child("category").attribute("term").as_string(), "kultur");
    EXPECT_EQ(entry.child("content").text().as_string(), text_at(kultur[n], "body_html"));
    ++n;
  }
  EXPECT_EQ(n, kultur.size());
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/news/feed.atom?category=nix").status, 422);

  auto manifest = body_of(get(port(), "/api/v1/cities/dortmund"));
  EXPECT_EQ(text_at(manifest.at("feeds").as_object(), "news_rss"),
            "/api/v1/cities/dortmund/news/feed.rss");
  EXPECT_EQ(text_at(manifest.at("feeds").as_object(), "news_atom"),
            "/api/v1/cities/dortmund/news/feed.atom");
}

TEST_F(NewsTest, RefusesStrangersAndBadInputAndStoresNothing) {
  auto editor = staff("redaktion@dortmund.example");
  auto before = editorial_count(editor);
  auto good = item("Gute Meldung");

  auto anonymous = request(port(), "POST", "/api/v1/cities/dortmund/news",
                           {{"Content-Type", "application/json"}}, json::serialize(good));
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/news/editorial").status, 401);
  auto other_city = staff("redaktion@schwerte.example");
  EXPECT_EQ(post_news(other_city, good).status, 403);
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/news/editorial", other_city.cookie()).status, 403);
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/news/imports", other_city.cookie()).status, 403);

  // API tokens need the news scope.
  auto admin = staff("admin@dortmund.example");
  auto token_of = [&](std::string_view scope) {
    auto r = request(port(), "POST", "/api/v1/cities/dortmund/tokens", with_json(admin.writer()),
                     fmt::format(R"({{"name":"CMS {}","scopes":["{}"]}})", scope, scope));
    EXPECT_EQ(r.status, 201) << r.body;
    return text_at(body_of(r), "token");
  };
  auto services_token = token_of("services:write");
  EXPECT_EQ(request(port(), "POST", "/api/v1/cities/dortmund/news",
                    with_json(bearer(services_token)), json::serialize(good))
                .status,
            403);
  auto reader = token_of("news:read");
  EXPECT_EQ(get(port(), "/api/v1/cities/dortmund/news/editorial", bearer(reader)).status, 200);
  EXPECT_EQ(request(port(), "POST", "/api/v1/cities/dortmund/news", with_json(bearer(reader)),
                    json::serialize(good))
                .status,
            403);

  auto with = [&](std::string_view key, json::value value) {
    auto b = good;
    b[key] = std::move(value);
    return b;
  };
  auto without = [&](std::string_view key) {
    auto b = good;
    b.erase(key);
    return b;
  };
  std::vector<std::pair<json::object, std::string>> cases{
      {with("publish_at", "2026-02-30T10:00:00+01:00"), "publish_at"},
      {with("publish_at", "morgen früh"), "publish_at"},
      {with("publish_at", "2026-12-01T10:00:00"), "publish_at"},
      {with("publish_at", "2026-12-01"), "publish_at"},
      {with("category", "gibtsnicht"), "category"},
      {with("districts", json::array{"hombruch", "kreuzviertel"}), "districts[1]"},
      {with("districts", json::array{"eving", "eving"}), "districts[1]"},
      {with("body", json::string(50'001, 'x')), "body"},
      {with("title", json::string(201, 'x')), "title"},
      {with("title", "   "), "title"},
      {without("title"), "title"},
      {with("teaser", json::string(501, 'x')), "teaser"},
      {with("status", "archived"), "status"},
      {with("body_format", "rtf"), "body_format"},
      {with("link", "javascript:alert(1)"), "link"},
      {with("pinned", "ja"), "pinned"},
      {with("image", json::object{{"url", "https://example.org/a.jpg"}}), "image.alt"},
      {with("image", json::object{{"url", "http://example.org/a.jpg"}, {"alt", "Bild"}}),
       "image.url"},
      {with("views", 12), "views"},
  };
  for (const auto& [body, field] : cases) {
    auto r = post_news(editor, body);
    EXPECT_EQ(r.status, 422) << field << ": " << r.body;
    if (r.status == 422) {
      EXPECT_EQ(text_at(body_of(r), "field"), field) << r.body;
      EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
    }
  }
  EXPECT_EQ(request(port(), "POST", "/api/v1/cities/dortmund/news", with_json(editor.writer()),
                    "{\"title\":")
                .status,
            400);
  EXPECT_EQ(editorial_count(editor), before) << "refused requests store nothing";
  // PUT validates the same way, and leaves the item as it was.
  auto created = post_news(editor, good);
  ASSERT_EQ(created.status, 201);
  auto id = body_of(created).at("id").as_int64();
  auto refused = put_news(editor, id, with("category", "gibtsnicht"));
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(
      text_at(body_of(get(port(), fmt::format("/api/v1/cities/dortmund/news/{}", id))), "category"),
      "verkehr");
  EXPECT_EQ(put_news(editor, 999999, good).status, 404);
}

// ---- Import from a loopback newsroom (Schwerte)

std::string rss_feed(const std::string& second_title) {
  return fmt::format(R"xml(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>Pressestelle Schwerte</title>
    <link>https://www.schwerte.example/presse</link>
    <item>
      <title>Stadtfest &amp; Kirmes am Wochenende</title>
      <link>https://www.schwerte.example/presse/1</link>
      <guid isPermaLink="false">presse-1</guid>
      <pubDate>Mon, 23 Nov 2026 10:00:00 +0100</pubDate>
      <description>Drei Tage Programm in der Altstadt.</description>
      <content:encoded><![CDATA[<p>Drei Tage <b>Programm</b>.</p><script>steal()</script><img src="x" onerror="steal()">]]></content:encoded>
      <enclosure url="https://www.schwerte.example/bild.jpg" type="image/jpeg" length="1000"/>
    </item>
    <item>
      <title>{}</title>
      <link>https://www.schwerte.example/presse/2</link>
      <guid>presse-2</guid>
      <pubDate>Sun, 22 Nov 2026 09:30:00 GMT</pubDate>
      <description>&lt;p&gt;Die &lt;em&gt;Ruhrbrücke&lt;/em&gt; bleibt gesperrt.&lt;/p&gt;</description>
    </item>
  </channel>
</rss>)xml",
                     second_title);
}

constexpr std::string_view kAtomFeed = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Stadtwerke Schwerte</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-11-23T12:00:00Z</updated>
  <entry>
    <title type="html">Neue &lt;em&gt;Ladesäulen&lt;/em&gt; am Bahnhof</title>
    <link href="https://stadtwerke.schwerte.example/news/ladesaeulen"/>
    <id>tag:stadtwerke.schwerte.example,2026:ladesaeulen</id>
    <published>2026-11-23T11:00:00+01:00</published>
    <updated>2026-11-23T12:00:00Z</updated>
    <summary>Vier neue Ladepunkte.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Vier <strong>neue</strong> Ladepunkte.</p></div></content>
  </entry>
</feed>)";

TEST_F(NewsTest, ImportsFeedsByGuidWithoutDuplicatesAndRecordsBrokenOnes) {
  StaticHttpServer newsroom;
  newsroom.set("/presse.rss",
               {200, "application/rss+xml", rss_feed("Ruhrbrücke gesperrt"), "\"v1\""});
  newsroom.set("/stadtwerke.atom", {200, "application/atom+xml", std::string(kAtomFeed), ""});
  newsroom.set("/kaputt.xml", {200, "application/rss+xml", "<rss><channel><item>", ""});

  auto admin = staff("admin@schwerte.example");
  auto settings = body_of(get(port(), "/api/v1/cities/schwerte/settings", admin.cookie()));
  auto& news = settings.at("modules").as_object().at("news").as_object();
  news["settings"].as_object()["import_feeds"] =
      json::array{json::object{{"url", newsroom.url("/kaputt.xml")}},
                  json::object{{"url", newsroom.url("/presse.rss")}, {"category", "kultur"}},
                  json::object{{"url", newsroom.url("/fehlt.rss")}},
                  json::object{{"url", newsroom.url("/stadtwerke.atom")}}};
  auto saved = request(port(), "PUT", "/api/v1/cities/schwerte/settings", with_json(admin.writer()),
                       json::serialize(settings));
  ASSERT_EQ(saved.status, 200) << saved.body;
  // The feeds are staff business: the public manifest has the categories only.
  auto manifest = get(port(), "/api/v1/cities/schwerte").body;
  EXPECT_EQ(manifest.find("import_feeds"), std::string::npos);
  EXPECT_NE(manifest.find("Kultur & Freizeit"), std::string::npos);

  auto editor = staff("redaktion@schwerte.example");
  auto never = body_of(get(port(), "/api/v1/cities/schwerte/news/imports", editor.cookie()));
  ASSERT_EQ(never.at("feeds").as_array().size(), 4u);
  EXPECT_TRUE(never.at("feeds").as_array()[1].as_object().at("last_attempt_at").is_null());

  auto run = [&] {
    auto r = request(port(), "POST", "/api/v1/cities/schwerte/news/imports/run", editor.writer());
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, json::object> by_url;
    auto body = body_of(r);
    for (const auto& f : body.at("feeds").as_array())
      by_url[text_at(f.as_object(), "url")] = f.as_object();
    return by_url;
  };
  auto first = run();
  auto& broken = first[newsroom.url("/kaputt.xml")];
  EXPECT_NE(text_at(broken, "last_error").find("not well-formed"), std::string::npos)
      << json::serialize(broken);
  EXPECT_TRUE(broken.at("last_success_at").is_null());
  EXPECT_NE(text_at(first[newsroom.url("/fehlt.rss")], "last_error").find("404"),
            std::string::npos);
  auto& presse = first[newsroom.url("/presse.rss")];
  EXPECT_TRUE(presse.at("last_error").is_null()) << json::serialize(presse);
  EXPECT_EQ(presse.at("items_seen").as_int64(), 2);
  EXPECT_EQ(presse.at("last_created").as_int64(), 2);
  EXPECT_EQ(text_at(presse, "category"), "kultur");
  EXPECT_EQ(first[newsroom.url("/stadtwerke.atom")].at("last_created").as_int64(), 1);

  auto imported = [&] {
    std::map<std::string, json::object> by_guid;
    auto r = get(port(), "/api/v1/cities/schwerte/news/editorial?limit=100", editor.cookie());
    auto body = body_of(r);
    for (const auto& i : body.at("items").as_array()) {
      const auto& o = i.as_object();
      if (o.at("import").is_null()) continue;
      auto guid = text_at(o.at("import").as_object(), "guid");
      EXPECT_FALSE(by_guid.contains(guid)) << "duplicate of " << guid;
      by_guid[guid] = o;
    }
    return by_guid;
  };
  auto items = imported();
  ASSERT_EQ(items.size(), 3u);
  auto& fest = items["presse-1"];
  EXPECT_EQ(text_at(fest, "title"), "Stadtfest & Kirmes am Wochenende");
  EXPECT_EQ(text_at(fest, "status"), "published");
  EXPECT_EQ(text_at(fest, "category"), "kultur");
  EXPECT_EQ(text_at(fest, "source"), "Pressestelle Schwerte");
  EXPECT_EQ(text_at(fest, "link"), "https://www.schwerte.example/presse/1");
  EXPECT_EQ(text_at(fest, "published_at"), "2026-11-23T10:00:00+01:00");
  EXPECT_EQ(text_at(fest.at("image").as_object(), "url"), "https://www.schwerte.example/bild.jpg");
  auto html = text_at(fest, "body_html");
  EXPECT_NE(html.find("<strong>Programm</strong>"), std::string::npos) << html;
  for (auto bad : {"script", "steal", "onerror", "<img"})
    EXPECT_EQ(html.find(bad), std::string::npos) << bad << " in " << html;
  EXPECT_EQ(text_at(items["presse-2"], "teaser"), "Die Ruhrbrücke bleibt gesperrt.");
  EXPECT_EQ(text_at(items["presse-2"], "published_at"), "2026-11-22T10:30:00+01:00");
  auto& lade = items["tag:stadtwerke.schwerte.example,2026:ladesaeulen"];
  EXPECT_EQ(text_at(lade, "title"), "Neue Ladesäulen am Bahnhof");
  EXPECT_NE(text_at(lade, "body_html").find("<strong>neue</strong>"), std::string::npos);
  EXPECT_TRUE(lade.at("category").is_null());
  // Imported news is public like any other.
  EXPECT_EQ(get(port(), text_at(fest, "href")).status, 200);

  // Again: the RSS feed answers 304 to its ETag, the Atom feed is read and found unchanged.
  auto second = run();
  EXPECT_EQ(newsroom.last_header("/presse.rss", "If-None-Match"), "\"v1\"");
  EXPECT_EQ(second[newsroom.url("/presse.rss")].at("last_created").as_int64(), 0);
  EXPECT_EQ(second[newsroom.url("/stadtwerke.atom")].at("last_created").as_int64(), 0);
  EXPECT_EQ(second[newsroom.url("/stadtwerke.atom")].at("last_updated").as_int64(), 0);
  EXPECT_EQ(imported().size(), 3u);

  // The newsroom corrects a title and the broken feed is repaired: one update, one new item.
  newsroom.set("/presse.rss",
               {200, "application/rss+xml", rss_feed("Ruhrbrücke bis Freitag gesperrt"), "\"v2\""});
  newsroom.set("/kaputt.xml", {200, "application/rss+xml",
                               R"(<rss version="2.0"><channel><title>Repariert</title><item>
                                    <title>Wieder da</title><guid>k-1</guid></item></channel></rss>)",
                               ""});
  auto third = run();
  EXPECT_EQ(third[newsroom.url("/presse.rss")].at("last_updated").as_int64(), 1);
  EXPECT_EQ(third[newsroom.url("/presse.rss")].at("last_created").as_int64(), 0);
  EXPECT_TRUE(third[newsroom.url("/kaputt.xml")].at("last_error").is_null());
  EXPECT_EQ(third[newsroom.url("/kaputt.xml")].at("last_created").as_int64(), 1);
  items = imported();
  EXPECT_EQ(items.size(), 4u);
  EXPECT_EQ(text_at(items["presse-2"], "title"), "Ruhrbrücke bis Freitag gesperrt");
  EXPECT_EQ(text_at(items["presse-1"], "title"), "Stadtfest & Kirmes am Wochenende");

  // An editor's decision survives the next import: unpublished stays unpublished.
  auto id = items["presse-1"].at("id").as_int64();
  auto unpublish = json::object{{"title", "Stadtfest & Kirmes am Wochenende"},
                                {"body", text_at(items["presse-1"], "body")},
                                {"body_format", "html"},
                                {"status", "draft"}};
  auto hidden = request(port(), "PUT", fmt::format("/api/v1/cities/schwerte/news/{}", id),
                        with_json(editor.writer()), json::serialize(unpublish));
  ASSERT_EQ(hidden.status, 200) << hidden.body;
  newsroom.set("/presse.rss",
               {200, "application/rss+xml", rss_feed("Ruhrbrücke bis Freitag gesperrt"), "\"v3\""});
  run();
  EXPECT_EQ(text_at(imported()["presse-1"], "status"), "draft");
  EXPECT_EQ(get(port(), fmt::format("/api/v1/cities/schwerte/news/{}", id)).status, 404);

  // An imported item an editor deletes stays deleted.
  auto gone = items["presse-2"].at("id").as_int64();
  ASSERT_EQ(request(port(), "DELETE", fmt::format("/api/v1/cities/schwerte/news/{}", gone),
                    editor.writer())
                .status,
            204);
  newsroom.set("/presse.rss",
               {200, "application/rss+xml", rss_feed("Ruhrbrücke bis Freitag gesperrt"), "\"v4\""});
  auto fourth = run();
  EXPECT_EQ(fourth[newsroom.url("/presse.rss")].at("last_created").as_int64(), 0);
  items = imported();
  EXPECT_FALSE(items.contains("presse-2"));
  EXPECT_EQ(items.size(), 3u);

  // Imports are audited, and GET shows what the last run answered.
  auto entries = audit(admin, "schwerte");
  EXPECT_TRUE(std::any_of(entries.begin(), entries.end(), [](const json::value& e) {
    return e.as_object().at("action") == "news.import";
  }));
  auto shown = body_of(get(port(), "/api/v1/cities/schwerte/news/imports", editor.cookie()));
  EXPECT_EQ(shown.at("feeds").as_array().size(), 4u);
  EXPECT_EQ(request(port(), "POST", "/api/v1/cities/schwerte/news/imports/run").status, 401);
  EXPECT_EQ(request(port(), "POST", "/api/v1/cities/schwerte/news/imports/run",
                    staff("redaktion@dortmund.example").writer())
                .status,
            403);
}

TEST_F(NewsTest, SettingsAreValidated) {
  auto admin = staff("admin@schwerte.example");
  auto settings = body_of(get(port(), "/api/v1/cities/schwerte/settings", admin.cookie()));
  auto put_news_settings = [&](json::object news_settings) {
    auto doc = settings;
    doc.at("modules").as_object().at("news").as_object()["settings"] = std::move(news_settings);
    return request(port(), "PUT", "/api/v1/cities/schwerte/settings", with_json(admin.writer()),
                   json::serialize(doc));
  };
  json::object kultur{{"slug", "kultur"}, {"title", {{"de", "Kultur"}}}};
  for (auto [value, field] : std::vector<std::pair<json::object, std::string>>{
           {{{"categories", json::array{}}}, "categories"},
           {{{"categories", json::array{kultur, kultur}}}, "categories[1].slug"},
           {{{"categories",
              json::array{json::object{{"slug", "Kultur"}, {"title", {{"de", "K"}}}}}}},
            "categories[0].slug"},
           {{{"categories", json::array{kultur}},
             {"import_feeds", json::array{json::object{{"url", "ftp://x.example/feed"}}}}},
            "import_feeds[0].url"},
           {{{"categories", json::array{kultur}},
             {"import_feeds",
              json::array{json::object{{"url", "https://x.example/feed"}, {"category", "sport"}}}}},
            "import_feeds[0].category"},
           {{{"kategorien", json::array{}}}, "kategorien"}}) {
    auto r = put_news_settings(value);
    EXPECT_EQ(r.status, 422) << json::serialize(value);
    if (r.status == 422) {
      EXPECT_EQ(text_at(body_of(r), "field"), "modules.news.settings." + field) << r.body;
    }
  }
}

}  // namespace
}  // namespace mosaik::testing
