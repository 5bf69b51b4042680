// mosaik: the operator's command line.
//   mosaik migrate        --database URL
//   mosaik demo load      --database URL
//   mosaik city list|show SLUG|create --file F|update --file F
//   mosaik module list [--city SLUG] | enable --city SLUG NAME | disable --city SLUG NAME
// Every command also takes --config FILE; MOSAIK_DATABASE_URL works as for mosaikd.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/assembly.hpp"
#include "app/demo.hpp"
#include "tenants/city_store.hpp"

namespace {

using namespace mosaik;

struct Options {
  std::optional<std::string> config_file;
  std::optional<std::string> database;
};

[[noreturn]] void fail(const std::string& message, int code = 1) {
  std::cerr << "mosaik: " << message << "\n";
  std::exit(code);
}

template <class T>
T check(Result<T> r, std::string_view what) {
  if (!r) {
    const auto& e = r.error();
    fail(fmt::format("{}: {}{}", what, e.detail(),
                     e.field().empty() ? "" : fmt::format(" (field {})", e.field())));
  }
  return std::move(*r);
}

Config load(const Options& o) {
  ConfigSources sources;
  sources.file = o.config_file;
  sources.environment = mosaik_environment();
  if (o.database) sources.overrides.emplace_back("database.url", *o.database);
  auto config = load_config(sources);
  if (!config) fail("invalid configuration:\n  " + config.error().detail(), 2);
  return *config;
}

// Opens and migrates the database, printing progress.
std::unique_ptr<storage::Store> open_migrated(const Options& o,
                                              const modules::ModuleCatalog& catalog) {
  Config config = load(o);
  auto store = check(app::open_configured_store(config), "cannot open the database");
  auto applied =
      check(storage::migrate(*store, catalog.all_migrations(),
                             [](const storage::Migration& m, std::size_t i, std::size_t n) {
                               std::cout << fmt::format("migrating [{}/{}] {} #{}: {}\n", i + 1, n,
                                                        m.module, m.version, m.name)
                                         << std::flush;
                             }),
            "migration failed");
  if (applied) std::cout << fmt::format("{} migration(s) applied\n", applied);
  return store;
}

json::object read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) fail(fmt::format("cannot read {}", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return check(parse_json_object(ss.str()), path);
}

void print_city_table(const std::vector<tenants::City>& cities) {
  std::cout << fmt::format("{:<16} {:<24} {:<10} {}\n", "SLUG", "NAME", "DISTRICTS", "MODULES");
  for (const auto& c : cities) {
    std::string mods;
    for (const auto& [name, ms] : c.modules)
      if (ms.enabled) mods += (mods.empty() ? "" : ",") + name;
    std::cout << fmt::format("{:<16} {:<24} {:<10} {}\n", c.slug, c.name, c.districts.size(), mods);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"mosaik: operate a Mosaik installation"};
  cli.require_subcommand(1);
  Options opt;
  auto add_common = [&](CLI::App* cmd) {
    cmd->add_option("--config", opt.config_file, "TOML configuration file");
    cmd->add_option("--database", opt.database, "sqlite:PATH or postgresql://...");
  };
  auto catalog = app::make_module_catalog();

  auto* migrate_cmd = cli.add_subcommand("migrate", "apply pending database migrations");
  add_common(migrate_cmd);
  migrate_cmd->callback([&] {
    open_migrated(opt, catalog);
    std::cout << "database is up to date\n";
  });

  auto* demo_cmd = cli.add_subcommand("demo", "demo data")->require_subcommand(1);
  auto* demo_load = demo_cmd->add_subcommand("load", "load the demo cities (Dortmund, Schwerte)");
  add_common(demo_load);
  demo_load->callback([&] {
    auto store = open_migrated(opt, catalog);
    auto report = check(
        app::load_demo(*store, catalog,
                       [](const std::string& line) { std::cout << line << "\n"
                                                               << std::flush; }),
        "loading the demo failed");
    std::cout << fmt::format("demo: {} cities created, {} left unchanged, {} services\n",
                             report.cities_created, report.cities_skipped, report.services);
  });

  auto* city_cmd = cli.add_subcommand("city", "manage cities")->require_subcommand(1);
  auto* city_list = city_cmd->add_subcommand("list", "list cities");
  add_common(city_list);
  city_list->callback([&] {
    auto store = open_migrated(opt, catalog);
    tenants::CityStore cities(*store, catalog);
    auto listing = check(cities.list(), "cannot list cities");
    print_city_table(listing.cities);
    for (const auto& p : listing.problems) std::cerr << "warning: " << p << "\n";
  });
  std::string slug;
  auto* city_show = city_cmd->add_subcommand("show", "print a city's document as JSON");
  add_common(city_show);
  city_show->add_option("slug", slug, "city slug")->required();
  city_show->callback([&] {
    auto store = open_migrated(opt, catalog);
    tenants::CityStore cities(*store, catalog);
    auto city = check(cities.get(slug), "cannot show city");
    std::cout << json::serialize(tenants::city_to_json(city)) << "\n";
  });
  std::string file;
  auto* city_create = city_cmd->add_subcommand("create", "create a city from a JSON document");
  add_common(city_create);
  city_create->add_option("--file", file, "city document (see demo/cities/*.json)")->required();
  city_create->callback([&] {
    auto store = open_migrated(opt, catalog);
    tenants::CityStore cities(*store, catalog);
    auto city =
        check(tenants::city_from_json(read_json_file(file), catalog), "invalid city document");
    auto created = check(cities.create(city), "cannot create city");
    std::cout << fmt::format("created city {} ({})\n", created.slug, created.name);
  });
  auto* city_update =
      city_cmd->add_subcommand("update", "replace a city's document (matched by slug)");
  add_common(city_update);
  city_update->add_option("--file", file, "city document")->required();
  city_update->callback([&] {
    auto store = open_migrated(opt, catalog);
    tenants::CityStore cities(*store, catalog);
    auto city =
        check(tenants::city_from_json(read_json_file(file), catalog), "invalid city document");
    auto updated = check(cities.update(city), "cannot update city");
    std::cout << fmt::format("updated city {} ({})\n", updated.slug, updated.name);
  });

  auto* module_cmd =
      cli.add_subcommand("module", "switch modules on and off for a city")->require_subcommand(1);
  std::optional<std::string> city_slug;
  auto* module_list =
      module_cmd->add_subcommand("list", "list the compiled-in modules (and a city's choice)");
  add_common(module_list);
  module_list->add_option("--city", city_slug, "city slug");
  module_list->callback([&] {
    std::optional<tenants::City> city;
    if (city_slug) {
      auto store = open_migrated(opt, catalog);
      city = check(tenants::CityStore(*store, catalog).get(*city_slug), "cannot read city");
    }
    for (const auto& m : catalog.all()) {
      std::string state =
          city ? (city->module_enabled(m->name()) ? "  enabled" : "  disabled") : "";
      std::cout << fmt::format("{:<14} {}{}\n", m->name(), m->title_de(), state);
    }
  });
  std::string module_name;
  auto set_module = [&](bool enabled) {
    if (!catalog.find(module_name))
      fail(fmt::format("no module '{}' in this Mosaik; see `mosaik module list`", module_name));
    auto store = open_migrated(opt, catalog);
    tenants::CityStore cities(*store, catalog);
    auto city = check(cities.get(*city_slug), "cannot read city");
    auto& entry = city.modules[module_name];
    entry.enabled = enabled;
    // Re-validate the whole document, so settings defaults of the module apply.
    auto validated =
        check(tenants::city_from_json(tenants::city_to_json(city), catalog), "invalid city");
    check(cities.update(validated), "cannot update city");
    std::cout << fmt::format("module {} {} for {}\n", module_name, enabled ? "enabled" : "disabled",
                             city.slug);
  };
  for (auto [name, enabled] : {std::pair{"enable", true}, std::pair{"disable", false}}) {
    auto* cmd = module_cmd->add_subcommand(name, fmt::format("{} a module for a city", name));
    add_common(cmd);
    cmd->add_option("--city", city_slug, "city slug")->required();
    cmd->add_option("module", module_name, "module name")->required();
    cmd->callback([&set_module, enabled = enabled] { set_module(enabled); });
  }

  CLI11_PARSE(cli, argc, argv);
  return 0;
}
