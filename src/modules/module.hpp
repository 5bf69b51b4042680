// The module interface: how a feature (news, events, reports, waste, services, ...) plugs into
// the core. A module declares its name, migrations, routes, settings and optional periodic
// jobs; the core registers the compiled-in modules explicitly, in one list
// (app/assembly.cpp), and exposes a module's routes only for the cities that enabled it.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "core/json.hpp"
#include "http/router.hpp"
#include "storage/migrations.hpp"
#include "tenants/public_links.hpp"

namespace mosaik::tenants {
class CityDirectory;
}

namespace mosaik::modules {

// What a module gets from the core. Everything here outlives the module's routes and jobs.
struct ModuleContext {
  storage::Store& store;
  tenants::CityDirectory& cities;
  const Config& config;
  // Every absolute link a module writes starts with links.origin(ctx) (or links.origin() outside
  // a request, e.g. in e-mails): never with the request's Host.
  const tenants::PublicLinks& links;
};

// A periodic job; runs on a background thread of mosaikd, never on the network threads.
struct Job {
  std::string name;
  std::chrono::milliseconds interval;
  std::function<void()> run;  // exceptions are logged, the job keeps its schedule
};

// Registers routes on behalf of a module: each route is tagged with the module's name, so the
// tenant middleware answers 404 for cities that have not enabled it.
class ModuleRouter {
 public:
  ModuleRouter(http::Router& router, std::string module)
      : router_(router), module_(std::move(module)) {}
  // Routes of a module live under /api/v1/cities/{city}/<module>/... (ENGINEERING.md, rule 8).
  // `access` says who may call it (see http::Access); `blocking` for database work.
  http::Route& add(http::Method method, std::string pattern, http::Handler handler,
                   http::Access access, bool blocking = false) {
    return router_.add(method, std::move(pattern), std::move(handler),
                       {.module = module_, .blocking = blocking, .access = access});
  }

 private:
  http::Router& router_;
  std::string module_;
};

// A public feed of a module for one city (RSS, Atom, iCalendar), so that feed readers and
// calendar apps find it: the city manifest lists it under "feeds" and the app's pages link it
// with <link rel="alternate">.
struct PublicFeed {
  std::string key;         // e.g. "news_rss"; unique across modules
  std::string path;        // root-relative, e.g. "/api/v1/cities/dortmund/news/feed.rss"
  std::string media_type;  // e.g. "application/rss+xml"
  std::string title_de, title_en;
};

// Who works on a module's staff side: editors (content: news, events, services) or case
// workers named for the module (cases: defect reports, appointments). City admins do both.
enum class StaffWork { content, cases };

class Module {
 public:
  virtual ~Module() = default;

  // Stable identifier, [a-z][a-z0-9_]*; used in URLs, city documents and migrations.
  virtual std::string_view name() const = 0;
  // Display titles for the app and console (German first).
  virtual std::string_view title_de() const = 0;
  virtual std::string_view title_en() const = 0;
  // Its staff routes declare http::Access::city_content or city_cases accordingly.
  virtual StaffWork staff_work() const { return StaffWork::content; }

  virtual std::vector<storage::Migration> migrations() const { return {}; }
  virtual void register_routes(ModuleRouter& router, ModuleContext& context) = 0;
  virtual std::vector<Job> jobs(ModuleContext& /*context*/) { return {}; }
  // The module's public feeds for a city that enabled it. Default: none.
  virtual std::vector<PublicFeed> public_feeds(std::string_view /*city_slug*/) const { return {}; }

  // Validates a city's settings for this module and returns them normalised (defaults filled).
  // Errors: validation_failed with the offending key in `field` (relative to the settings object).
  // Default: no settings allowed.
  virtual Result<json::object> validate_settings(const json::object& settings) const;
  // The part of the settings the public app may see. Default: all of them.
  virtual json::object public_settings(const json::object& settings) const { return settings; }
};

// The compiled-in modules, in registration order. Built once at start-up.
class ModuleCatalog {
 public:
  void add(std::unique_ptr<Module> module);
  const Module* find(std::string_view name) const noexcept;
  const std::vector<std::unique_ptr<Module>>& all() const noexcept { return modules_; }
  // Core and tenant migrations first, then each module's, in registration order.
  std::vector<storage::Migration> all_migrations() const;

 private:
  std::vector<std::unique_ptr<Module>> modules_;
};

}  // namespace mosaik::modules
