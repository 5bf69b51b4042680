#include "modules/news/news_demo.hpp"

#include <fmt/format.h>

#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "modules/news/news_module.hpp"
#include "modules/news/news_store.hpp"
#include "shared/internet_time.hpp"

namespace mosaik::modules::news {

Result<std::size_t> load_demo_news(storage::Store& store, const tenants::City& city,
                                   const json::object& doc, std::int64_t now_ms) {
  auto settings = settings_of(city);
  auto items = read_strictly<std::vector<NewsItem>>([&] {
    JsonReader r(doc);
    const json::array* list = r.array("items", true, 500);
    std::vector<NewsItem> out;
    for (std::size_t i = 0; i < list->size(); ++i) {
      auto key = fmt::format("items[{}]", i);
      if (!(*list)[i].is_object()) r.fail(key, "must be an object");
      json::object fields = (*list)[i].as_object();
      JsonReader demo(fields, r.path(key));
      auto hours_ago = demo.integer("hours_ago", -24 * 365, 24 * 365);
      fields.erase("hours_ago");
      fields["status"] = "published";
      // On the quarter hour, as a newsroom would publish.
      auto at = now_ms - hours_ago * 3'600'000;
      at -= at % 900'000;
      fields["publish_at"] = shared::rfc3339_in_zone(at, city.time_zone);
      auto input = parse_news_input(fields, city, settings);
      if (!input) {
        auto field = r.path(key) + "." + input.error().field();
        throw Error(Errc::validation_failed, fmt::format("{}: {}", field, input.error().detail()),
                    field);
      }
      NewsItem item;
      apply_input(item, std::move(*input), now_ms);
      out.push_back(std::move(item));
    }
    r.finish();
    return out;
  });
  if (!items) return std::move(items).error();
  auto stored = store.write([&](storage::Transaction& tx) {
    for (auto& item : *items) item.id = insert_item(tx, city.id, item);
  });
  if (!stored) return std::move(stored).error();
  return items->size();
}

namespace demo {
std::string_view embedded_file(std::string_view name);  // src/modules/news/demo/, generated
}

Result<std::optional<std::string>> NewsModule::load_demo(storage::Store& store,
                                                         const tenants::City& city) const {
  return load_demo_document("news", city, demo::embedded_file,
                            [&](const json::object& doc) -> Result<std::string> {
                              auto n = load_demo_news(store, city, doc, unix_millis());
                              if (!n) return n.error();
                              return fmt::format("{} news items", *n);
                            });
}

}  // namespace mosaik::modules::news
