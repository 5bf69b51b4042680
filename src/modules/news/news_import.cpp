#include "modules/news/news_import.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <pugixml.hpp>
#include <sstream>

#include "core/clock.hpp"
#include "shared/fetch.hpp"
#include "shared/internet_time.hpp"

namespace mosaik::modules::news {

namespace {

constexpr std::size_t kMaxGuidBytes = 1000;
constexpr std::string_view kAtomNamespace = "http://www.w3.org/2005/Atom";

// The name without its namespace prefix: feeds use whatever prefixes they like.
std::string_view local_name(const pugi::xml_node& node) {
  std::string_view name = node.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

std::string_view prefix_of(const pugi::xml_node& node) {
  std::string_view name = node.name();
  auto colon = name.find(':');
  return colon == std::string_view::npos ? std::string_view() : name.substr(0, colon);
}

pugi::xml_node child(const pugi::xml_node& parent, std::string_view local,
                     std::string_view prefix = {}) {
  for (auto c : parent.children())
    if (c.type() == pugi::node_element && local_name(c) == local &&
        (prefix.empty() || prefix_of(c) == prefix))
      return c;
  return {};
}

// The element's text, CDATA included.
std::string text_of(const pugi::xml_node& node) {
  std::string out;
  for (auto c : node.children())
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  return out;
}

std::string collapse(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// At most `max_bytes`, cut at a code point boundary.
std::string cut_utf8(std::string text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

bool is_web_url(std::string_view url) {
  return (url.starts_with("https://") || url.starts_with("http://")) &&
         url.find_first_of(" \t\r\n\"<>\\") == std::string_view::npos && url.size() <= 1000;
}

// An Atom text construct (title, summary, content) as HTML.
std::string atom_html(const pugi::xml_node& node) {
  if (!node) return {};
  std::string_view type = node.attribute("type").as_string("text");
  if (type == "html") return text_of(node);
  if (type == "xhtml") {
    std::ostringstream out;
    pugi::xml_node div = child(node, "div");
    for (auto c : (div ? div : node).children()) c.print(out, "", pugi::format_raw);
    return out.str();
  }
  return shared::escape_html(text_of(node));
}

bool is_image_type(std::string_view type) {
  return type.starts_with("image/");
}

void read_rss_item(const pugi::xml_node& item, FeedEntry& e) {
  e.title = text_of(child(item, "title"));
  e.link = collapse(text_of(child(item, "link")));
  e.guid = collapse(text_of(child(item, "guid")));
  if (e.guid.empty()) e.guid = collapse(item.attribute("rdf:about").as_string());
  e.summary_html = text_of(child(item, "description"));
  e.content_html = text_of(child(item, "encoded"));
  auto date = text_of(child(item, "pubDate"));
  if (date.empty()) date = text_of(child(item, "date"));  // dc:date (RSS 1.0)
  e.published = shared::parse_feed_date(date);
  for (auto c : item.children()) {
    auto name = local_name(c);
    std::string_view url = c.attribute("url").as_string();
    bool image = (name == "enclosure" && is_image_type(c.attribute("type").as_string())) ||
                 (name == "content" && prefix_of(c) == "media" &&
                  (std::string_view(c.attribute("medium").as_string()) == "image" ||
                   is_image_type(c.attribute("type").as_string()))) ||
                 (name == "thumbnail" && prefix_of(c) == "media");
    if (image && e.image_url.empty() && url.starts_with("https://") && is_web_url(url))
      e.image_url = std::string(url);
  }
}

void read_atom_entry(const pugi::xml_node& entry, FeedEntry& e) {
  e.title = shared::plain_text(atom_html(child(entry, "title")), 10'000);
  e.guid = collapse(text_of(child(entry, "id")));
  e.summary_html = atom_html(child(entry, "summary"));
  e.content_html = atom_html(child(entry, "content"));
  auto published = text_of(child(entry, "published"));
  if (published.empty()) published = text_of(child(entry, "updated"));
  e.published = shared::parse_feed_date(published);
  for (auto c : entry.children()) {
    if (local_name(c) != "link") continue;
    std::string_view rel = c.attribute("rel").as_string("alternate");
    std::string_view href = c.attribute("href").as_string();
    if (rel == "alternate" && e.link.empty()) e.link = std::string(href);
    if (rel == "enclosure" && is_image_type(c.attribute("type").as_string()) &&
        href.starts_with("https://") && is_web_url(href) && e.image_url.empty())
      e.image_url = std::string(href);
  }
}

// Keeps entries a reader can use; counts the others.
void keep(ParsedFeed& feed, FeedEntry e) {
  e.title = cut_utf8(collapse(e.title), kMaxTitleBytes);
  if (!is_web_url(e.link)) e.link.clear();
  if (e.guid.empty()) e.guid = e.link;
  if (e.title.empty())
    e.title =
        cut_utf8(shared::plain_text(e.summary_html.empty() ? e.content_html : e.summary_html, 80),
                 kMaxTitleBytes);
  if (e.guid.empty() || e.guid.size() > kMaxGuidBytes || e.title.empty() ||
      feed.entries.size() >= kMaxFeedEntries) {
    ++feed.skipped;
    return;
  }
  feed.entries.push_back(std::move(e));
}

std::string derived_teaser(std::string_view html) {
  for (std::size_t chars = kDerivedTeaserChars;; chars /= 2) {
    auto teaser = shared::plain_text(html, chars);
    if (teaser.size() <= kMaxTeaserBytes) return teaser;
  }
}

bool same_import(const NewsItem& a, const NewsItem& b) {
  return a.title == b.title && a.teaser == b.teaser && a.body == b.body && a.link == b.link &&
         a.image == b.image && a.source == b.source && a.category == b.category &&
         a.published_at == b.published_at;
}

}  // namespace

Result<ParsedFeed> parse_feed(std::string_view xml) {
  if (xml.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return validation_error("feed", "The feed is empty");
  pugi::xml_document doc;
  auto parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default);
  if (!parsed)
    return validation_error("feed", fmt::format("The feed is not well-formed XML (at byte {}: {})",
                                                parsed.offset, parsed.description()));
  pugi::xml_node root = doc.document_element();
  ParsedFeed feed;
  auto name = local_name(root);
  if (name == "rss") {
    pugi::xml_node channel = child(root, "channel");
    if (!channel) return validation_error("feed", "The RSS feed has no <channel>");
    feed.title = collapse(text_of(child(channel, "title")));
    for (auto item : channel.children()) {
      if (item.type() != pugi::node_element || local_name(item) != "item") continue;
      FeedEntry e;
      read_rss_item(item, e);
      keep(feed, std::move(e));
    }
  } else if (name == "RDF") {  // RSS 1.0: the items are siblings of the channel
    feed.title = collapse(text_of(child(child(root, "channel"), "title")));
    for (auto item : root.children()) {
      if (item.type() != pugi::node_element || local_name(item) != "item") continue;
      FeedEntry e;
      read_rss_item(item, e);
      keep(feed, std::move(e));
    }
  } else if (name == "feed") {
    std::string ns_attribute =
        prefix_of(root).empty() ? std::string("xmlns") : fmt::format("xmlns:{}", prefix_of(root));
    if (root.attribute(ns_attribute.c_str()).as_string() != kAtomNamespace)
      return validation_error("feed", "The <feed> is not in the Atom 1.0 namespace");
    feed.title = shared::plain_text(atom_html(child(root, "title")), 200);
    for (auto entry : root.children()) {
      if (entry.type() != pugi::node_element || local_name(entry) != "entry") continue;
      FeedEntry e;
      read_atom_entry(entry, e);
      keep(feed, std::move(e));
    }
  } else {
    return validation_error(
        "feed", fmt::format("The document is neither RSS 2.0 nor Atom 1.0 (its root is <{}>)",
                            root.name()));
  }
  return feed;
}

NewsItem item_from_entry(const FeedEntry& entry, const ImportFeed& feed, const std::string& source,
                         const std::optional<NewsItem>& existing, std::int64_t now_ms) {
  NewsItem item;
  if (existing) {
    item = *existing;
  } else {
    item.published = true;
    item.created_at = now_ms;
    item.origin = ImportOrigin{feed.url, entry.guid};
  }
  const std::string& body = entry.content_html.empty() ? entry.summary_html : entry.content_html;
  item.title = entry.title;
  item.body = cut_utf8(body, kMaxBodyBytes);
  item.body_format = shared::TextFormat::html;
  item.body_html = shared::to_safe_html(item.body, shared::TextFormat::html);
  item.teaser = derived_teaser(entry.summary_html.empty() ? item.body_html : entry.summary_html);
  item.link = entry.link;
  if (!entry.image_url.empty())
    item.image = shared::ImageRef{entry.image_url, ""};
  else
    item.image.reset();
  item.source = cut_utf8(source, kMaxSourceBytes);
  if (!feed.category.empty()) item.category = feed.category;
  // An item an editor unpublished stays unpublished; the feed's date is its publication time.
  if (item.published) {
    if (entry.published)
      item.published_at = entry.published;
    else if (!item.published_at)
      item.published_at = now_ms;
  }
  item.updated_at = existing && same_import(item, *existing) ? existing->updated_at : now_ms;
  return item;
}

identity::Actor import_job_actor() {
  return {"job", "news.import", "News import job", ""};
}

void NewsImporter::run_feed(const tenants::City& city, const ImportFeed& feed,
                            const identity::Actor& actor) {
  auto now = unix_millis();
  auto loaded = store_.read([&](storage::Transaction& tx) {
    return load_feed_state(tx, city.id, feed.url).value_or(FeedState{.url = feed.url});
  });
  if (!loaded) {
    spdlog::warn("news import {}: {}", feed.url, loaded.error().detail());
    return;
  }
  FeedState state = std::move(*loaded);
  state.last_attempt_at = now;
  auto record_failure = [&](std::string message) {
    spdlog::info("news import for {} from {} failed: {}", city.slug, feed.url, message);
    state.last_error = std::move(message);
    state.last_created = state.last_updated = 0;
    auto saved =
        store_.write([&](storage::Transaction& tx) { save_feed_state(tx, city.id, state); });
    if (!saved) spdlog::warn("news import {}: {}", feed.url, saved.error().detail());
  };

  shared::FetchOptions options = fetch_;
  options.if_none_match = state.etag;
  options.if_modified_since = state.last_modified;
  auto fetched = shared::fetch(feed.url, options);
  if (!fetched) return record_failure(fetched.error().detail());
  if (fetched->status == 304) {
    state.last_success_at = now;
    state.last_error.clear();
    state.last_created = state.last_updated = 0;
    auto saved =
        store_.write([&](storage::Transaction& tx) { save_feed_state(tx, city.id, state); });
    if (!saved) spdlog::warn("news import {}: {}", feed.url, saved.error().detail());
    return;
  }
  if (fetched->status < 200 || fetched->status > 299)
    return record_failure(fmt::format("The server answered HTTP {}", fetched->status));
  auto parsed = parse_feed(fetched->body);
  if (!parsed) return record_failure(parsed.error().detail());

  auto stored = store_.write([&](storage::Transaction& tx) {
    std::int64_t created = 0, updated = 0;
    for (const auto& entry : parsed->entries) {
      ImportOrigin origin{feed.url, entry.guid};
      auto existing = find_imported(tx, city.id, origin);
      if (!existing && import_deleted(tx, city.id, origin)) continue;  // an editor deleted it
      auto item = item_from_entry(entry, feed, parsed->title, existing, now);
      if (!existing) {
        insert_item(tx, city.id, item);
        ++created;
      } else if (!same_import(item, *existing)) {
        update_item(tx, city.id, item);
        ++updated;
      }
    }
    FeedState next = state;
    next.etag = fetched->etag;
    next.last_modified = fetched->last_modified;
    next.last_success_at = now;
    next.last_error.clear();
    next.items_seen = static_cast<std::int64_t>(parsed->entries.size());
    next.last_created = created;
    next.last_updated = updated;
    save_feed_state(tx, city.id, next);
    if (created + updated > 0)
      identity::record_audit(tx, actor,
                             {city.slug, "news.import", "news_feed", feed.url, nullptr,
                              json::object{{"created", created},
                                           {"updated", updated},
                                           {"unchanged", next.items_seen - created - updated}}});
  });
  if (!stored) record_failure("Storing the items failed: " + stored.error().detail());
}

Result<void> NewsImporter::run(const tenants::City& city, const identity::Actor& actor) {
  std::lock_guard lock(running_);
  for (const auto& feed : settings_of(city).import_feeds) run_feed(city, feed, actor);
  return {};
}

Result<std::vector<ImportStatus>> import_status(storage::Store& store, const tenants::City& city) {
  auto settings = settings_of(city);
  return store.read([&](storage::Transaction& tx) {
    std::vector<ImportStatus> out;
    for (const auto& feed : settings.import_feeds)
      out.push_back({feed, load_feed_state(tx, city.id, feed.url)});
    return out;
  });
}

json::object import_status_json(const std::vector<ImportStatus>& status,
                                const tenants::City& city) {
  auto time = [&](const std::optional<std::int64_t>& ms) {
    return ms ? json::value(shared::rfc3339_in_zone(*ms, city.time_zone)) : json::value(nullptr);
  };
  json::array feeds;
  for (const auto& s : status) {
    json::object feed{
        {"url", s.feed.url},
        {"category", s.feed.category.empty() ? json::value(nullptr) : json::value(s.feed.category)},
        {"last_attempt_at", nullptr},
        {"last_success_at", nullptr},
        {"last_error", nullptr},
        {"items_seen", 0},
        {"last_created", 0},
        {"last_updated", 0}};
    if (s.state) {
      feed["last_attempt_at"] = time(s.state->last_attempt_at);
      feed["last_success_at"] = time(s.state->last_success_at);
      if (!s.state->last_error.empty()) feed["last_error"] = s.state->last_error;
      feed["items_seen"] = s.state->items_seen;
      feed["last_created"] = s.state->last_created;
      feed["last_updated"] = s.state->last_updated;
    }
    feeds.push_back(std::move(feed));
  }
  return {{"feeds", std::move(feeds)}};
}

}  // namespace mosaik::modules::news
