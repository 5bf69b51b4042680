#include "modules/news/news_feeds.hpp"

#include <fmt/format.h>

#include <pugixml.hpp>
#include <sstream>

#include "shared/internet_time.hpp"

namespace mosaik::modules::news {

namespace {

std::string feed_title(const FeedContext& feed) {
  if (feed.category)
    return fmt::format("{}: Nachrichten – {}", feed.city.name, feed.category->title_de);
  return fmt::format("{}: Nachrichten", feed.city.name);
}

std::string item_url(const FeedContext& feed, const NewsItem& item) {
  return fmt::format("{}/{}/news/{}", feed.base_url, feed.city.slug, item.id);
}

// An image stored with us is root-relative; feeds need it absolute.
std::string absolute(const FeedContext& feed, const std::string& url) {
  return url.starts_with("/") ? feed.base_url + url : url;
}

void text_child(pugi::xml_node parent, const char* name, const std::string& text) {
  parent.append_child(name).text().set(text.c_str());
}

std::string to_string(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "  ", pugi::format_default, pugi::encoding_utf8);
  return out.str();
}

pugi::xml_document new_document() {
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "UTF-8";
  return doc;
}

std::string language_of(const tenants::City& city) {
  return city.locales.empty() ? "de" : city.locales.front();
}

}  // namespace

std::string write_rss(const FeedContext& feed, const std::vector<NewsItem>& items) {
  auto doc = new_document();
  auto rss = doc.append_child("rss");
  rss.append_attribute("version") = "2.0";
  rss.append_attribute("xmlns:atom") = "http://www.w3.org/2005/Atom";
  rss.append_attribute("xmlns:content") = "http://purl.org/rss/1.0/modules/content/";
  auto channel = rss.append_child("channel");
  text_child(channel, "title", feed_title(feed));
  text_child(channel, "link", fmt::format("{}/{}/news", feed.base_url, feed.city.slug));
  text_child(channel, "description", fmt::format("Aktuelle Nachrichten aus {}", feed.city.name));
  text_child(channel, "language", language_of(feed.city));
  std::int64_t newest = items.empty() ? feed.now_ms : items.front().updated_at;
  for (const auto& item : items) newest = std::max(newest, item.updated_at);
  text_child(channel, "lastBuildDate", shared::rfc822(newest));
  text_child(channel, "generator", "Mosaik");
  auto self = channel.append_child("atom:link");
  self.append_attribute("href") = feed.self_url.c_str();
  self.append_attribute("rel") = "self";
  self.append_attribute("type") = "application/rss+xml";
  for (const auto& news : items) {
    auto item = channel.append_child("item");
    auto url = item_url(feed, news);
    text_child(item, "title", news.title);
    text_child(item, "link", url);
    auto guid = item.append_child("guid");
    guid.append_attribute("isPermaLink") = "true";
    guid.text().set(url.c_str());
    text_child(item, "pubDate", shared::rfc822(news.published_at.value_or(news.created_at)));
    text_child(item, "description", news.teaser);
    text_child(item, "content:encoded", news.body_html);
    if (const Category* c = feed.settings.category(news.category))
      text_child(item, "category", c->title_de);
    // An imported item names the feed it came from.
    if (news.origin && !news.source.empty()) {
      auto source = item.append_child("source");
      source.append_attribute("url") = news.origin->feed_url.c_str();
      source.text().set(news.source.c_str());
    }
  }
  return to_string(doc);
}

std::string write_atom(const FeedContext& feed, const std::vector<NewsItem>& items) {
  auto doc = new_document();
  auto root = doc.append_child("feed");
  root.append_attribute("xmlns") = "http://www.w3.org/2005/Atom";
  root.append_attribute("xml:lang") = language_of(feed.city).c_str();
  text_child(root, "id", feed.self_url);
  text_child(root, "title", feed_title(feed));
  text_child(root, "subtitle", fmt::format("Aktuelle Nachrichten aus {}", feed.city.name));
  std::int64_t newest = items.empty() ? feed.now_ms : items.front().updated_at;
  for (const auto& item : items) newest = std::max(newest, item.updated_at);
  text_child(root, "updated", shared::rfc3339_in_zone(newest, feed.city.time_zone));
  auto self = root.append_child("link");
  self.append_attribute("rel") = "self";
  self.append_attribute("type") = "application/atom+xml";
  self.append_attribute("href") = feed.self_url.c_str();
  auto alternate = root.append_child("link");
  alternate.append_attribute("rel") = "alternate";
  alternate.append_attribute("type") = "text/html";
  alternate.append_attribute("href") =
      fmt::format("{}/{}/news", feed.base_url, feed.city.slug).c_str();
  text_child(root.append_child("author"), "name", feed.city.name);
  text_child(root, "generator", "Mosaik");
  for (const auto& news : items) {
    auto entry = root.append_child("entry");
    auto url = item_url(feed, news);
    text_child(entry, "id", url);
    auto title = entry.append_child("title");
    title.append_attribute("type") = "text";
    title.text().set(news.title.c_str());
    auto link = entry.append_child("link");
    link.append_attribute("rel") = "alternate";
    link.append_attribute("type") = "text/html";
    link.append_attribute("href") = url.c_str();
    if (news.image) {
      auto enclosure = entry.append_child("link");
      enclosure.append_attribute("rel") = "enclosure";
      enclosure.append_attribute("href") = absolute(feed, news.image->url).c_str();
      enclosure.append_attribute("title") = news.image->alt.c_str();
    }
    auto published = news.published_at.value_or(news.created_at);
    text_child(entry, "published", shared::rfc3339_in_zone(published, feed.city.time_zone));
    text_child(entry, "updated",
               shared::rfc3339_in_zone(std::max(published, news.updated_at), feed.city.time_zone));
    if (const Category* c = feed.settings.category(news.category)) {
      auto category = entry.append_child("category");
      category.append_attribute("term") = c->slug.c_str();
      category.append_attribute("label") = c->title_de.c_str();
    }
    auto summary = entry.append_child("summary");
    summary.append_attribute("type") = "text";
    summary.text().set(news.teaser.c_str());
    auto body = entry.append_child("content");
    body.append_attribute("type") = "html";
    body.text().set(news.body_html.c_str());
  }
  return to_string(doc);
}

}  // namespace mosaik::modules::news
