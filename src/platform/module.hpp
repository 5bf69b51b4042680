// The module interface: how a feature (news, events, reports, waste, services, ...) plugs into
// the platform. A module is a stateless descriptor (Module: name, migrations, settings,
// configuration keys, commands, demo data, feeds, map layers) and, in mosaikd, a runtime
// (ModuleRuntime: its state, routes and jobs). The compiled-in modules are listed explicitly in
// one place (app/module_list.cpp); a module's routes answer only for cities that enabled it.
// How to write one: docs/modules.md.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config.hpp"
#include "core/json.hpp"
#include "http/router.hpp"
#include "platform/tenants/public_links.hpp"
#include "storage/migrations.hpp"

namespace mosaik::tenants {
class CityDirectory;
struct City;
}  // namespace mosaik::tenants

namespace mosaik::modules {

// What a module gets from the platform, passed in (never global). Everything here outlives the
// module's runtime, routes and jobs.
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

// A command of a module's own on the command line: `mosaik <module> <name> [options]`. The
// platform owns the command line (parsing, --config/--database, opening and migrating the store,
// exit codes); the module declares its options as data and runs with their values.
struct CliOption {
  std::string name;  // "--city" (an option with a value), or "file" (a positional argument)
  std::string help;
  bool required = false;
  bool flag = false;  // an option without a value ("--dry-run"); its value is "true" when given
};

class ModuleCatalog;

struct CliInvocation {
  storage::Store& store;  // opened and migrated
  const ModuleCatalog& catalog;
  std::map<std::string, std::string> values;  // by name without dashes; absent: not given
  // The value of `name` ("city", "file"), or empty when it was not given.
  std::string value(const std::string& name) const {
    auto it = values.find(name);
    return it == values.end() ? std::string() : it->second;
  }
};

struct CliCommand {
  std::string name;  // e.g. "import"
  std::string help;
  std::vector<CliOption> options;
  // Returns what to print on standard output; an error's detail goes to standard error with
  // exit status 1 (bad_request: exit status 2, a usage error).
  std::function<Result<std::string>(const CliInvocation&)> run;
};

// A GeoJSON layer of a module for one city's map (defect reports, drop-off points, later places):
// the city manifest lists it under "map_layers", so the map shows every enabled module's layers
// without knowing the modules.
struct MapLayer {
  std::string key;   // e.g. "reports"; unique across modules
  std::string path;  // root-relative GeoJSON FeatureCollection, e.g. "/api/v1/cities/dortmund/…"
  std::string title_de, title_en;
};

// Who works on a module's staff side: editors (content: news, events, services) or case
// workers named for the module (cases: defect reports, appointments). City admins do both.
enum class StaffWork { content, cases };

// A running module: its state (read caches, importers, a plan in memory) and what it adds to the
// server over it. The descriptor (Module) stays stateless; this is made by Module::start.
class ModuleRuntime {
 public:
  virtual ~ModuleRuntime() = default;
  // Routes under /api/v1/cities/{city}/<module>/...
  virtual void register_routes(ModuleRouter& router) = 0;
  // Routes under a standard's own root (Open311's /open311/v2/, later CAP feeds, OParl), outside
  // /api/v1/cities/{city}: their handlers find the city themselves (e.g. from jurisdiction_id)
  // and must check that it enabled the module. Default: none.
  virtual void register_root_routes(http::Router& /*router*/) {}
  // Periodic background work. Default: none.
  virtual std::vector<Job> jobs() { return {}; }
};

// A module's descriptor: what it is (name, titles, migrations, settings, configuration, commands,
// demo data, feeds, map layers) and how to start it. Stateless; shared by mosaikd and the CLI.
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
  // What the module runs in a server (its routes, jobs and their state), made once per mosaikd
  // with the context, which outlives it. The command line never starts modules.
  virtual std::unique_ptr<ModuleRuntime> start(ModuleContext& context) const = 0;
  // The module's public feeds for a city that enabled it. Default: none.
  virtual std::vector<PublicFeed> public_feeds(std::string_view /*city_slug*/) const { return {}; }

  // The module's map layers for a city that enabled it. Default: none.
  virtual std::vector<MapLayer> map_layers(std::string_view /*city_slug*/) const { return {}; }

  // The module's own configuration section ("<name>.<key>" in mosaik.toml, MOSAIK_<NAME>_<KEY>,
  // --set); read them with ModuleContext::config.number/duration/flag/text. Default: none.
  virtual std::vector<ModuleConfigKey> config_keys() const { return {}; }

  // The module's commands on the command line (`mosaik <name> ...`). Default: none.
  virtual std::vector<CliCommand> cli_commands() const { return {}; }

  // Loads the module's demo content into a demo city that has the module switched on (the
  // module's own data, embedded from src/modules/<name>/demo/<city>.json; see demo_document).
  // Returns what was loaded for the progress line ("12 news items"), or nullopt when the module
  // has no demo data for the city. Called once, right after the city was created.
  virtual Result<std::optional<std::string>> load_demo(storage::Store& /*store*/,
                                                       const tenants::City& /*city*/) const {
    return std::optional<std::string>();
  }

  // Validates a city's settings for this module and returns them normalised (defaults filled).
  // Errors: validation_failed with the offending key in `field` (relative to the settings object).
  // Default: no settings allowed.
  virtual Result<json::object> validate_settings(const json::object& settings) const;
  // The part of the settings the public app may see. Default: all of them.
  virtual json::object public_settings(const json::object& settings) const { return settings; }
};

// The usual body of Module::load_demo: reads the module's embedded demo file for `city`
// (`embedded_file("<city>.json")`, generated by mosaik_module(... DEMO ...)) and hands it to
// `load`, which returns the progress phrase. nullopt when the module has no file for the city.
// Errors: the parser's or load's, naming src/modules/<module>/demo/<city>.json.
Result<std::optional<std::string>> load_demo_document(
    std::string_view module, const tenants::City& city,
    std::string_view (*embedded_file)(std::string_view name),
    const std::function<Result<std::string>(const json::object& document)>& load);

// The compiled-in modules, in registration order. Built once at start-up.
class ModuleCatalog {
 public:
  void add(std::unique_ptr<Module> module);
  const Module* find(std::string_view name) const noexcept;
  const std::vector<std::unique_ptr<Module>>& all() const noexcept { return modules_; }
  // Core and tenant migrations first, then each module's, in registration order.
  // `shared`: the shared layer's migrations (app::shared_migrations()), applied after the
  // platform's and before the modules'.
  std::vector<storage::Migration> all_migrations(
      const std::vector<storage::Migration>& shared) const;

 private:
  std::vector<std::unique_ptr<Module>> modules_;
};

}  // namespace mosaik::modules
