#include "modules/news/news_item.hpp"

#include <fmt/format.h>

#include <set>

#include "core/json_reader.hpp"
#include "shared/internet_time.hpp"

namespace mosaik::modules::news {

namespace {
constexpr std::size_t kMaxCategories = 50;
constexpr std::size_t kMaxImportFeeds = 20;
constexpr std::size_t kMaxCategoryTitleBytes = 80;
}  // namespace

const Category* NewsSettings::category(std::string_view slug) const {
  for (const auto& c : categories)
    if (c.slug == slug) return &c;
  return nullptr;
}

Result<NewsSettings> parse_news_settings(const json::object& doc) {
  return read_strictly<NewsSettings>([&] {
    JsonReader r(doc);
    NewsSettings s;
    if (const json::array* list = r.array("categories", false, kMaxCategories)) {
      if (list->empty()) r.fail("categories", "must have at least one category (or be left out)");
      std::set<std::string> slugs;
      for (std::size_t i = 0; i < list->size(); ++i) {
        auto key = fmt::format("categories[{}]", i);
        if (!(*list)[i].is_object()) r.fail(key, "must be an object");
        JsonReader c((*list)[i].as_object(), r.path(key));
        Category category;
        category.slug = c.text("slug", 63);
        if (!tenants::valid_slug(category.slug))
          c.fail("slug", "must be 2-63 characters of a-z, 0-9 and '-'");
        if (!slugs.insert(category.slug).second)
          c.fail("slug", "is used by an earlier category of the list");
        const json::object* title = c.object("title", true);
        JsonReader t(*title, c.path("title"));
        category.title_de = t.text("de", kMaxCategoryTitleBytes);
        if (category.title_de.empty()) t.fail("de", "must not be empty");
        category.title_en = t.text("en", kMaxCategoryTitleBytes, "");
        if (category.title_en.empty()) category.title_en = category.title_de;
        t.finish();
        c.finish();
        s.categories.push_back(std::move(category));
      }
    }
    if (const json::array* list = r.array("import_feeds", false, kMaxImportFeeds)) {
      std::set<std::string> urls;
      for (std::size_t i = 0; i < list->size(); ++i) {
        auto key = fmt::format("import_feeds[{}]", i);
        if (!(*list)[i].is_object()) r.fail(key, "must be an object");
        JsonReader f((*list)[i].as_object(), r.path(key));
        ImportFeed feed;
        feed.url = f.link("url", kMaxLinkBytes, /*allow_root_relative=*/false);
        if (feed.url.empty()) f.fail("url", "is required");
        if (!urls.insert(feed.url).second) f.fail("url", "is listed twice");
        feed.category = f.text("category", 63, "");
        if (!feed.category.empty() && !s.category(feed.category))
          f.fail("category", fmt::format("'{}' is not one of the categories", feed.category));
        f.finish();
        s.import_feeds.push_back(std::move(feed));
      }
    }
    r.finish();
    return s;
  });
}

json::object news_settings_json(const NewsSettings& s, bool with_private) {
  json::object out;
  if (!s.categories.empty()) {
    json::array categories;
    for (const auto& c : s.categories)
      categories.push_back(
          json::object{{"slug", c.slug}, {"title", {{"de", c.title_de}, {"en", c.title_en}}}});
    out["categories"] = std::move(categories);
  }
  if (with_private) {
    json::array feeds;
    for (const auto& f : s.import_feeds) {
      json::object feed{{"url", f.url}};
      if (!f.category.empty()) feed["category"] = f.category;
      feeds.push_back(std::move(feed));
    }
    out["import_feeds"] = std::move(feeds);
  }
  return out;
}

NewsSettings settings_of(const tenants::City& city) {
  auto it = city.modules.find("news");
  if (it == city.modules.end()) return {};
  auto parsed = parse_news_settings(it->second.settings);
  return parsed ? std::move(*parsed) : NewsSettings{};
}

Result<NewsInput> parse_news_input(const json::object& body, const tenants::City& city,
                                   const NewsSettings& settings) {
  return read_strictly<NewsInput>([&] {
    JsonReader r(body);
    NewsInput in;
    in.title = r.text("title", kMaxTitleBytes);
    if (in.title.find_first_not_of(" \t\r\n") == std::string::npos)
      r.fail("title", "must not be empty");
    in.teaser = r.text("teaser", kMaxTeaserBytes, "");
    in.body = r.text("body", kMaxBodyBytes, "");
    auto format = r.text("body_format", 20, "markdown");
    if (format == "markdown")
      in.body_format = shared::TextFormat::markdown;
    else if (format == "html")
      in.body_format = shared::TextFormat::html;
    else
      r.fail("body_format", "must be \"markdown\" or \"html\"");
    in.image = shared::read_image(r, "image", city.slug);
    in.category = r.text("category", 63, "");
    if (!in.category.empty() && !settings.category(in.category))
      r.fail("category",
             settings.categories.empty()
                 ? fmt::format("{} has no news categories", city.name)
                 : fmt::format("'{}' is not a news category of {}", in.category, city.name));
    in.districts = r.text_list("districts", kMaxDistricts, 63, std::vector<std::string>{});
    std::set<std::string> seen;
    for (std::size_t i = 0; i < in.districts.size(); ++i) {
      auto key = fmt::format("districts[{}]", i);
      if (!city.district(in.districts[i]))
        r.fail(key, fmt::format("'{}' is not a district of {}", in.districts[i], city.name));
      if (!seen.insert(in.districts[i]).second) r.fail(key, "is listed twice");
    }
    in.source = r.text("source", kMaxSourceBytes, "");
    in.link = r.link("link", kMaxLinkBytes, /*allow_root_relative=*/false);
    in.pinned = r.boolean("pinned", false);
    auto status = r.text("status", 20, "draft");
    if (status == "published")
      in.published = true;
    else if (status != "draft")
      r.fail("status", "must be \"draft\" or \"published\"");
    auto publish_at = r.text("publish_at", 64, "");
    if (!publish_at.empty()) {
      in.publish_at = shared::parse_rfc3339(publish_at);
      if (!in.publish_at)
        r.fail("publish_at",
               "must be an RFC 3339 date and time with an offset, e.g. "
               "2026-12-01T08:00:00+01:00");
    }
    r.finish();
    return in;
  });
}

std::string_view to_string(NewsStatus status) noexcept {
  switch (status) {
    case NewsStatus::draft:
      return "draft";
    case NewsStatus::scheduled:
      return "scheduled";
    case NewsStatus::published:
      return "published";
  }
  return "draft";
}

std::optional<NewsStatus> parse_status(std::string_view text) noexcept {
  for (auto s : {NewsStatus::draft, NewsStatus::scheduled, NewsStatus::published})
    if (to_string(s) == text) return s;
  return std::nullopt;
}

std::string_view format_name(shared::TextFormat format) noexcept {
  return format == shared::TextFormat::html ? "html" : "markdown";
}

NewsStatus NewsItem::status(std::int64_t now_ms) const noexcept {
  if (!published || !published_at) return NewsStatus::draft;
  return *published_at > now_ms ? NewsStatus::scheduled : NewsStatus::published;
}

void apply_input(NewsItem& item, NewsInput in, std::int64_t now_ms) {
  bool was_published =
      item.id != 0 && item.published && item.published_at && *item.published_at <= now_ms;
  item.title = std::move(in.title);
  item.body = std::move(in.body);
  item.body_format = in.body_format;
  item.body_html = shared::to_safe_html(item.body, item.body_format);
  item.teaser = in.teaser.empty() ? shared::plain_text(item.body_html, kDerivedTeaserChars)
                                  : std::move(in.teaser);
  item.image = std::move(in.image);
  item.category = std::move(in.category);
  item.districts = std::move(in.districts);
  item.source = std::move(in.source);
  item.link = std::move(in.link);
  item.pinned = in.pinned;
  item.published = in.published;
  item.publish_at = in.publish_at;
  if (!in.published)
    item.published_at.reset();
  else if (in.publish_at)
    item.published_at = in.publish_at;
  else if (!was_published)
    item.published_at = now_ms;
  if (item.id == 0) item.created_at = now_ms;
  item.updated_at = now_ms;
}

json::object public_json(const NewsItem& item, const tenants::City& city,
                         std::string_view link_prefix) {
  json::array districts;
  for (const auto& d : item.districts) districts.emplace_back(d);
  return {
      {"id", item.id},
      {"title", item.title},
      {"teaser", item.teaser},
      {"body_html", item.body_html},
      {"image", shared::image_json(item.image)},
      {"category", item.category.empty() ? json::value(nullptr) : json::value(item.category)},
      {"districts", std::move(districts)},
      {"source", item.source},
      {"link", item.link},
      {"pinned", item.pinned},
      {"published_at",
       item.published_at ? json::value(shared::rfc3339_in_zone(*item.published_at, city.time_zone))
                         : json::value(nullptr)},
      {"updated_at", shared::rfc3339_in_zone(item.updated_at, city.time_zone)},
      {"url", fmt::format("{}/{}/news/{}", link_prefix, city.slug, item.id)},
      {"href", fmt::format("{}/api/v1/cities/{}/news/{}", link_prefix, city.slug, item.id)},
  };
}

json::object editorial_json(const NewsItem& item, const tenants::City& city,
                            std::string_view link_prefix, std::int64_t now_ms) {
  auto out = public_json(item, city, link_prefix);
  out["body"] = item.body;
  out["body_format"] = format_name(item.body_format);
  out["status"] = to_string(item.status(now_ms));
  out["publish_at"] = item.publish_at
                          ? json::value(shared::rfc3339_in_zone(*item.publish_at, city.time_zone))
                          : json::value(nullptr);
  out["created_at"] = shared::rfc3339_in_zone(item.created_at, city.time_zone);
  out["import"] = item.origin ? json::value(json::object{{"feed_url", item.origin->feed_url},
                                                         {"guid", item.origin->guid}})
                              : json::value(nullptr);
  return out;
}

}  // namespace mosaik::modules::news
