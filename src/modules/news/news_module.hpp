// Nachrichten: a city's news — written by its editors (Markdown or safe HTML, image, category,
// districts, pinned, scheduled publication) or imported from its existing newsroom's RSS/Atom
// feeds — public as JSON (cursor pages), RSS 2.0 and Atom 1.0.
//
// Routes (under /api/v1/cities/{city}/news): public GET "", "/{id}", "/feed.rss", "/feed.atom";
// editors (city_content) GET "/editorial", "/editorial/{id}", POST "", PUT/DELETE "/{id}",
// GET "/imports", POST "/imports/run". Every write is audited in its transaction.
#pragma once

#include <memory>

#include "modules/news/news_import.hpp"
#include "platform/module.hpp"
#include "shared/read_cache.hpp"

namespace mosaik::modules::news {

class NewsModule final : public Module {
 public:
  std::string_view name() const override { return "news"; }
  std::string_view title_de() const override { return "Nachrichten"; }
  std::string_view title_en() const override { return "News"; }
  std::vector<storage::Migration> migrations() const override;
  std::unique_ptr<ModuleRuntime> start(ModuleContext& context) const override;
  Result<std::optional<std::string>> load_demo(storage::Store& store,
                                               const tenants::City& city) const override;
  // news.import_interval_ms: how often every city's import feeds are polled.
  std::vector<ModuleConfigKey> config_keys() const override;
  std::vector<PublicFeed> public_feeds(std::string_view city_slug) const override;
  Result<json::object> validate_settings(const json::object& settings) const override;
  // The categories; import_feeds stay with the staff.
  json::object public_settings(const json::object& settings) const override;
};

// The running news module: the feed importer and the read cache of the public answers.
class NewsRuntime final : public ModuleRuntime {
 public:
  explicit NewsRuntime(ModuleContext& context) : context_(context) {}
  void register_routes(ModuleRouter& router) override;
  std::vector<Job> jobs() override;

 private:
  ModuleContext& context_;
  NewsImporter& importer();
  std::unique_ptr<NewsImporter> importer_;
  shared::ReadCache cache_;
};

}  // namespace mosaik::modules::news
