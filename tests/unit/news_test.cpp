// The news module's plain logic: times, settings and item validation, feed writing and feed
// parsing (RSS 2.0, Atom 1.0, malformed documents), without a server or a database.
#include <gtest/gtest.h>

#include <pugixml.hpp>

#include "modules/news/news_feeds.hpp"
#include "modules/news/news_import.hpp"
#include "modules/news/news_item.hpp"
#include "shared/internet_time.hpp"
#include "shared/read_cache.hpp"

namespace mosaik::modules::news {
namespace {
using shared::parse_feed_date;
using shared::parse_rfc3339;
using shared::rfc3339_in_zone;
using shared::rfc822;

tenants::City test_city() {
  tenants::City c;
  c.id = 1;
  c.slug = "dortmund";
  c.name = "Dortmund";
  c.districts = {{"hombruch", "Hombruch"}, {"eving", "Eving"}};
  return c;
}

NewsSettings test_settings() {
  NewsSettings s;
  s.categories = {{"kultur", "Kultur & Freizeit", "Culture"}, {"verkehr", "Verkehr", "Traffic"}};
  return s;
}

TEST(NewsTime, ParsesRfc3339WithAnOffsetOnly) {
  EXPECT_EQ(parse_rfc3339("1970-01-01T00:00:00Z"), 0);
  EXPECT_EQ(parse_rfc3339("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(parse_rfc3339("2026-11-24T10:30:00.250+01:00"), 1795512600250);
  EXPECT_EQ(parse_rfc3339("2024-02-29T12:00:00Z"), 1709208000000);
  for (auto bad : {"2026-02-30T10:00:00+01:00", "2025-02-29T10:00:00Z", "2026-12-01T10:00:00",
                   "2026-12-01", "2026-13-01T10:00:00Z", "2026-12-01T24:00:00Z",
                   "2026-12-01T10:00:00+0100", "morgen", "", "2026-12-01T10:00:00Z trailing"})
    EXPECT_FALSE(parse_rfc3339(bad).has_value()) << bad;
}

TEST(NewsTime, WritesTheOffsetOfTheCitysZoneAtThatInstant) {
  // Winter (CET, +01:00) and summer (CEST, +02:00) in Berlin.
  EXPECT_EQ(rfc3339_in_zone(*parse_rfc3339("2026-11-24T09:30:00Z"), "Europe/Berlin"),
            "2026-11-24T10:30:00+01:00");
  EXPECT_EQ(rfc3339_in_zone(*parse_rfc3339("2026-07-01T09:30:00Z"), "Europe/Berlin"),
            "2026-07-01T11:30:00+02:00");
  // Around the change on 2026-03-29 at 01:00 UTC.
  EXPECT_EQ(rfc3339_in_zone(*parse_rfc3339("2026-03-29T00:59:59Z"), "Europe/Berlin"),
            "2026-03-29T01:59:59+01:00");
  EXPECT_EQ(rfc3339_in_zone(*parse_rfc3339("2026-03-29T01:00:00Z"), "Europe/Berlin"),
            "2026-03-29T03:00:00+02:00");
  EXPECT_EQ(rfc3339_in_zone(0, "Nowhere/Atlantis"), "1970-01-01T00:00:00Z");
  auto round_trip = *parse_rfc3339("2026-11-24T10:30:00+01:00");
  EXPECT_EQ(parse_rfc3339(rfc3339_in_zone(round_trip, "Europe/Berlin")), round_trip);
}

TEST(NewsTime, Rfc822ForRssAndTheDatesOfOtherFeeds) {
  EXPECT_EQ(rfc822(*parse_rfc3339("2026-11-24T09:30:05Z")), "Tue, 24 Nov 2026 09:30:05 +0000");
  EXPECT_EQ(rfc822(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  auto expected = parse_rfc3339("2026-11-23T09:00:00Z");
  for (auto text : {"Mon, 23 Nov 2026 10:00:00 +0100", "23 Nov 2026 09:00:00 GMT",
                    "Mon, 23 Nov 2026 09:00 UT", "Mon, 23 Nov 26 04:00:00 EST",
                    "  Mon, 23 Nov 2026 10:00:00 +01:00 ", "2026-11-23T10:00:00+01:00"})
    EXPECT_EQ(parse_feed_date(text), expected) << text;
  for (auto bad : {"", "gestern", "Mon, 31 Feb 2026 10:00:00 +0100", "23 Foo 2026 10:00:00 GMT",
                   "Mon, 23 Nov 2026 10:00:00 CEST"})
    EXPECT_FALSE(parse_feed_date(bad).has_value()) << bad;
}

json::object parse(std::string_view text) {
  return json::parse(text).as_object();
}

TEST(NewsSettingsTest, ReadsCategoriesAndImportFeeds) {
  auto s = parse_news_settings(parse(R"({"categories":[{"slug":"kultur","title":{"de":"Kultur"}}],
    "import_feeds":[{"url":"https://presse.example/rss","category":"kultur"},{"url":"http://b.example/atom"}]})"));
  ASSERT_TRUE(s) << s.error().detail();
  ASSERT_EQ(s->categories.size(), 1u);
  EXPECT_EQ(s->categories[0].title_en, "Kultur") << "English falls back to German";
  ASSERT_EQ(s->import_feeds.size(), 2u);
  EXPECT_EQ(s->import_feeds[0].category, "kultur");
  auto normalised = news_settings_json(*s, true);
  EXPECT_EQ(normalised.at("categories").as_array()[0].as_object().at("title").as_object().at("en"),
            "Kultur");
  EXPECT_FALSE(news_settings_json(*s, false).contains("import_feeds"));
  EXPECT_TRUE(parse_news_settings({}));

  auto field_of = [](std::string_view text) {
    auto r = parse_news_settings(parse(text));
    return r ? std::string("(accepted)") : r.error().field();
  };
  EXPECT_EQ(field_of(R"({"categories":[]})"), "categories");
  EXPECT_EQ(
      field_of(
          R"({"categories":[{"slug":"a1","title":{"de":"A"}},{"slug":"a1","title":{"de":"B"}}]})"),
      "categories[1].slug");
  EXPECT_EQ(field_of(R"({"categories":[{"slug":"a1","title":{"de":""}}]})"),
            "categories[0].title.de");
  EXPECT_EQ(field_of(R"({"import_feeds":[{"url":"file:///etc/passwd"}]})"), "import_feeds[0].url");
  EXPECT_EQ(
      field_of(R"({"import_feeds":[{"url":"https://a.example/"},{"url":"https://a.example/"}]})"),
      "import_feeds[1].url");
  EXPECT_EQ(field_of(R"({"import_feeds":[{"url":"https://a.example/","category":"sport"}]})"),
            "import_feeds[0].category");
  EXPECT_EQ(field_of(R"({"feeds":[]})"), "feeds");
}

TEST(NewsInputTest, ValidatesAgainstTheCitysCategoriesAndDistricts) {
  auto city = test_city();
  auto settings = test_settings();
  auto ok = parse_news_input(parse(R"({"title":"Hallo","body":"# Titel\n\nText","category":"kultur",
      "districts":["eving"],"status":"published","publish_at":"2026-12-01T08:00:00+01:00",
      "image":{"url":"https://img.example/a.jpg","alt":"Ein Bild"}})"),
                             city, settings);
  ASSERT_TRUE(ok) << ok.error().detail();
  EXPECT_TRUE(ok->published);
  EXPECT_EQ(ok->publish_at, parse_rfc3339("2026-12-01T07:00:00Z"));
  EXPECT_EQ(ok->image->alt, "Ein Bild");

  auto field_of = [&](std::string_view text) {
    auto r = parse_news_input(parse(text), city, settings);
    return r ? std::string("(accepted)") : r.error().field();
  };
  EXPECT_EQ(field_of(R"({"title":"A","category":"sport"})"), "category");
  EXPECT_EQ(field_of(R"({"title":"A","districts":["hoerde"]})"), "districts[0]");
  EXPECT_EQ(field_of(R"({"title":"A","publish_at":"2026-12-01 08:00"})"), "publish_at");
  EXPECT_EQ(field_of(R"({"title":"A","status":"scheduled"})"), "status");
  EXPECT_EQ(field_of(R"({"title":"","body":"x"})"), "title");
  EXPECT_EQ(field_of(R"({"title":"A","id":4})"), "id");
  EXPECT_EQ(
      field_of(R"({"title":"A","image":{"url":"/api/v1/cities/schwerte/media/ab.jpg","alt":"x"}})"),
      "image.url");
  EXPECT_EQ(
      field_of(
          R"({"title":"A","image":{"url":"/api/v1/cities/dortmund/media/ab.jpg","decorative":true}})"),
      "(accepted)");
  json::object big{{"title", "A"}, {"body", std::string(kMaxBodyBytes + 1, 'x')}};
  auto too_big = parse_news_input(big, city, settings);
  ASSERT_FALSE(too_big);
  EXPECT_EQ(too_big.error().field(), "body");
  big["body"] = std::string(kMaxBodyBytes, 'x');
  EXPECT_TRUE(parse_news_input(big, city, settings));
}

TEST(NewsItemTest, StatusRenderingAndTeaserFollowFromTheInput) {
  NewsInput in;
  in.title = "T";
  in.body = "Ein *Text* <script>alert(1)</script> mit mehr Worten.";
  in.published = true;
  in.publish_at = 2'000;
  NewsItem item;
  apply_input(item, in, 1'000);
  EXPECT_EQ(item.status(1'000), NewsStatus::scheduled);
  EXPECT_EQ(item.status(2'000), NewsStatus::published);
  EXPECT_EQ(item.body_html.find("script"), std::string::npos) << item.body_html;
  EXPECT_NE(item.body_html.find("<em>Text</em>"), std::string::npos) << item.body_html;
  // Without a teaser of its own: the visible text of the body (raw HTML in Markdown is dropped,
  // its text stays harmless text).
  EXPECT_EQ(item.teaser, shared::plain_text(item.body_html, kDerivedTeaserChars));
  EXPECT_TRUE(item.teaser.starts_with("Ein Text")) << item.teaser;

  // Published without a date: now, and an update keeps the first publication time.
  in.publish_at.reset();
  NewsItem now;
  apply_input(now, in, 5'000);
  EXPECT_EQ(now.published_at, 5'000);
  now.id = 7;
  apply_input(now, in, 9'000);
  EXPECT_EQ(now.published_at, 5'000);
  EXPECT_EQ(now.updated_at, 9'000);
  in.published = false;
  apply_input(now, in, 10'000);
  EXPECT_EQ(now.status(10'000), NewsStatus::draft);
  EXPECT_FALSE(now.published_at.has_value());
}

std::vector<NewsItem> feed_items() {
  NewsItem a;
  a.id = 2;
  a.title = "Baustelle <B1> & Umleitung";
  a.teaser = "Kurz & knapp";
  a.body_html = "<p>Text mit <strong>Fett</strong> &amp; ]]> Ende</p>";
  a.category = "verkehr";
  a.published = true;
  a.published_at = *parse_rfc3339("2026-11-24T09:30:00Z");
  a.created_at = a.updated_at = *a.published_at;
  NewsItem b = a;
  b.id = 1;
  b.title = "Zweite";
  b.category.clear();
  b.published_at = *parse_rfc3339("2026-11-20T08:00:00Z");
  return {a, b};
}

TEST(NewsFeeds, RssIsWellFormedAndEscaped) {
  auto city = test_city();
  auto settings = test_settings();
  FeedContext ctx{city,    settings, "https://app.example", "https://app.example/feed.rss",
                  nullptr, 0};
  auto xml = write_rss(ctx, feed_items());
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str())) << xml;
  auto channel = doc.child("rss").child("channel");
  EXPECT_STREQ(channel.child("atom:link").attribute("rel").as_string(), "self");
  auto first = channel.child("item");
  EXPECT_STREQ(first.child("title").text().as_string(), "Baustelle <B1> & Umleitung");
  EXPECT_STREQ(first.child("link").text().as_string(), "https://app.example/dortmund/news/2");
  EXPECT_STREQ(first.child("pubDate").text().as_string(), "Tue, 24 Nov 2026 09:30:00 +0000");
  EXPECT_STREQ(first.child("content:encoded").text().as_string(),
               "<p>Text mit <strong>Fett</strong> &amp; ]]> Ende</p>");
  EXPECT_STREQ(first.child("category").text().as_string(), "Verkehr");
  EXPECT_FALSE(first.next_sibling("item").child("category"));
  EXPECT_STREQ(channel.child("lastBuildDate").text().as_string(),
               "Tue, 24 Nov 2026 09:30:00 +0000");
}

TEST(NewsFeeds, AtomIsWellFormedAndNamesTheCategory) {
  auto city = test_city();
  auto settings = test_settings();
  FeedContext ctx{city,
                  settings,
                  "https://app.example",
                  "https://app.example/feed.atom",
                  settings.category("verkehr"),
                  0};
  auto items = feed_items();
  items.pop_back();
  auto xml = write_atom(ctx, items);
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str())) << xml;
  auto feed = doc.child("feed");
  EXPECT_STREQ(feed.attribute("xmlns").as_string(), "http://www.w3.org/2005/Atom");
  EXPECT_STREQ(feed.child("title").text().as_string(), "Dortmund: Nachrichten – Verkehr");
  EXPECT_STREQ(feed.child("author").child("name").text().as_string(), "Dortmund");
  auto entry = feed.child("entry");
  EXPECT_STREQ(entry.child("id").text().as_string(), "https://app.example/dortmund/news/2");
  EXPECT_STREQ(entry.child("published").text().as_string(), "2026-11-24T10:30:00+01:00");
  EXPECT_STREQ(entry.child("content").attribute("type").as_string(), "html");
  EXPECT_STREQ(entry.child("category").attribute("term").as_string(), "verkehr");
  // Both feeds parse back to the same entries with our own importer.
  auto parsed = parse_feed(xml);
  ASSERT_TRUE(parsed) << parsed.error().detail();
  ASSERT_EQ(parsed->entries.size(), 1u);
  EXPECT_EQ(parsed->entries[0].title, "Baustelle <B1> & Umleitung");
  EXPECT_EQ(parsed->entries[0].published, items[0].published_at);
}

TEST(NewsImport, ParsesRss) {
  auto parsed = parse_feed(R"(<?xml version="1.0"?>
    <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
         xmlns:media="http://search.yahoo.com/mrss/">
      <channel><title> Presse  Schwerte </title>
        <item><title>Eins</title><guid>g-1</guid><link>https://a.example/1</link>
          <pubDate>Mon, 23 Nov 2026 10:00:00 +0100</pubDate>
          <description>&lt;p&gt;Kurz&lt;/p&gt;</description>
          <content:encoded><![CDATA[<p>Lang <script>x()</script></p>]]></content:encoded>
          <media:content url="https://a.example/b.jpg" medium="image"/></item>
        <item><title>Ohne Guid</title><link>https://a.example/2</link></item>
        <item><description>Weder Titel noch Link noch Guid</description></item>
        <item><title>Schlechter Link</title><guid>g-3</guid><link>javascript:alert(1)</link>
          <enclosure url="http://a.example/insecure.jpg" type="image/jpeg"/></item>
      </channel></rss>)");
  ASSERT_TRUE(parsed) << parsed.error().detail();
  EXPECT_EQ(parsed->title, "Presse Schwerte");
  ASSERT_EQ(parsed->entries.size(), 3u);
  EXPECT_EQ(parsed->skipped, 1u);
  const auto& one = parsed->entries[0];
  EXPECT_EQ(one.guid, "g-1");
  EXPECT_EQ(one.summary_html, "<p>Kurz</p>");
  EXPECT_EQ(one.content_html, "<p>Lang <script>x()</script></p>");
  EXPECT_EQ(one.published, parse_rfc3339("2026-11-23T09:00:00Z"));
  EXPECT_EQ(one.image_url, "https://a.example/b.jpg");
  EXPECT_EQ(parsed->entries[1].guid, "https://a.example/2") << "the link stands in for the guid";
  EXPECT_EQ(parsed->entries[2].link, "");
  EXPECT_EQ(parsed->entries[2].image_url, "") << "only https images";

  ImportFeed feed{"https://a.example/rss", "kultur"};
  auto item = item_from_entry(one, feed, parsed->title, std::nullopt, 1'000);
  EXPECT_EQ(item.body_format, shared::TextFormat::html);
  EXPECT_EQ(item.body_html.find("script"), std::string::npos) << item.body_html;
  EXPECT_EQ(item.teaser, "Kurz");
  EXPECT_EQ(item.category, "kultur");
  EXPECT_EQ(item.source, "Presse Schwerte");
  EXPECT_TRUE(item.published);
  EXPECT_EQ(item.origin->guid, "g-1");
  // An existing item keeps the editors' decisions and its time when nothing changed.
  auto existing = item;
  existing.id = 3;
  existing.published = false;
  existing.published_at.reset();
  existing.pinned = true;
  existing.districts = {"hombruch"};
  auto again = item_from_entry(one, feed, parsed->title, existing, 9'000);
  EXPECT_FALSE(again.published);
  EXPECT_TRUE(again.pinned);
  EXPECT_EQ(again.districts, existing.districts);
  EXPECT_EQ(again.updated_at, 1'000);
}

TEST(NewsImport, ParsesAtomTextConstructs) {
  auto parsed = parse_feed(R"(<feed xmlns="http://www.w3.org/2005/Atom"><title>Werke</title>
    <entry><id>urn:1</id><title type="html">A &amp;lt;b&amp;gt;</title>
      <link rel="alternate" href="https://w.example/1"/>
      <link rel="enclosure" type="image/png" href="https://w.example/1.png"/>
      <updated>2026-11-23T12:00:00Z</updated>
      <summary>1 &lt; 2</summary>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hallo <em>Welt</em></p></div></content>
    </entry></feed>)");
  ASSERT_TRUE(parsed) << parsed.error().detail();
  ASSERT_EQ(parsed->entries.size(), 1u);
  const auto& e = parsed->entries[0];
  EXPECT_EQ(e.title, "A <b>");
  EXPECT_EQ(e.link, "https://w.example/1");
  EXPECT_EQ(e.image_url, "https://w.example/1.png");
  EXPECT_EQ(e.summary_html, "1 &lt; 2");
  EXPECT_EQ(e.content_html, "<p>Hallo <em>Welt</em></p>");
  EXPECT_EQ(e.published, parse_rfc3339("2026-11-23T12:00:00Z"));
}

TEST(NewsImport, MalformedAndForeignDocumentsAreClearErrors) {
  auto message_of = [](std::string_view xml) {
    auto r = parse_feed(xml);
    return r ? std::string("(accepted)") : r.error().detail();
  };
  EXPECT_NE(message_of("<rss><channel><item>").find("not well-formed XML"), std::string::npos);
  EXPECT_NE(message_of("<rss><channel><title>a</titel></channel></rss>").find("not well-formed"),
            std::string::npos);
  EXPECT_NE(message_of("").find("empty"), std::string::npos);
  EXPECT_NE(
      message_of("<html><body>Wartungsarbeiten</body></html>").find("neither RSS 2.0 nor Atom"),
      std::string::npos);
  EXPECT_NE(message_of("<rss version=\"2.0\"></rss>").find("no <channel>"), std::string::npos);
  EXPECT_NE(message_of("<feed><entry/></feed>").find("Atom 1.0 namespace"), std::string::npos);
  EXPECT_EQ(message_of("<rss version=\"2.0\"><channel/></rss>"), "(accepted)");
}

}  // namespace
}  // namespace mosaik::modules::news
