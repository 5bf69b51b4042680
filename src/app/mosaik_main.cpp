// mosaik: the operator's command line.
//   mosaik migrate        --database URL
//   mosaik demo load      --database URL
//   mosaik city list|show SLUG|create --file F|update --file F
//   mosaik module list [--city SLUG] | enable --city SLUG NAME | disable --city SLUG NAME
//   mosaik user create --email E [--display-name N] --role ROLE [--role ROLE ...]  (password on
//               standard input) | list [--city SLUG] | reset-password --email E (stdin) |
//               disable|enable --email E | set-roles --email E [--role ROLE ...]
//   mosaik MODULE COMMAND ...   (a module's own commands, e.g. `mosaik waste import`)
// Every command also takes --config FILE; MOSAIK_DATABASE_URL works as for mosaikd.
//   mosaik --version
#include <fmt/format.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <list>
#include <sstream>

#include "app/assembly.hpp"
#include "app/command_line.hpp"
#include "app/demo.hpp"
#include "platform/identity/accounts.hpp"
#include "platform/identity/audit.hpp"
#include "platform/identity/password.hpp"
#include "platform/tenants/city_store.hpp"

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
  sources.module_keys = app::module_config_keys(app::make_module_catalog());
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
      check(storage::migrate(*store, app::all_migrations(catalog),
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

// Records a city update by the CLI in the city's audit log, like the HTTP API does.
std::function<void(storage::Transaction&, const json::value&)> audit_city_update(
    const tenants::City& city) {
  return [after = json::value(tenants::city_to_json(city)), slug = city.slug](
             storage::Transaction& tx, const json::value& before) {
    identity::record_audit(tx, identity::cli_actor(),
                           {slug, "city.update", "city", slug, before, after});
  };
}

// Reads one line from standard input without echoing it on a terminal. Never printed.
std::string read_password() {
  bool tty = isatty(STDIN_FILENO) != 0;
  termios saved{};
  if (tty) {
    std::cerr << "Password: " << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  bool got = static_cast<bool>(std::getline(std::cin, line));
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  if (!got) fail("expected the password on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Parses roles and checks that their cities and modules exist.
std::vector<identity::Role> parse_roles(const std::vector<std::string>& texts,
                                        storage::Store& store,
                                        const modules::ModuleCatalog& catalog) {
  tenants::CityStore cities(store, catalog);
  std::vector<identity::Role> roles;
  for (const auto& text : texts) {
    auto role = check(identity::parse_role(text), "invalid role");
    if (!role.city.empty()) check(cities.get(role.city), fmt::format("role {}", text));
    if (!role.module.empty() && !catalog.find(role.module))
      fail(fmt::format("role {}: there is no module '{}'", text, role.module));
    roles.push_back(std::move(role));
  }
  return roles;
}

void print_member(const identity::StaffMember& m) {
  std::string roles;
  for (const auto& r : m.roles) roles += (roles.empty() ? "" : ",") + identity::to_string(r);
  std::cout << fmt::format("{:<6} {:<32} {:<24} {:<9} {}\n", m.id, m.email, m.display_name,
                           m.disabled ? "disabled" : "active", roles);
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
    std::cout << fmt::format("demo: {} cities created, {} left unchanged\n", report.cities_created,
                             report.cities_skipped);
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
    auto updated = check(cities.update(city, audit_city_update(city)), "cannot update city");
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
    check(cities.update(validated, audit_city_update(validated)), "cannot update city");
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

  // --- Staff accounts (there is no public sign-up) ---------------------------------------
  auto* user_cmd = cli.add_subcommand("user", "manage staff accounts")->require_subcommand(1);
  std::string email, display_name;
  std::vector<std::string> role_texts;
  auto find_user = [&](storage::Store& store) {
    identity::StaffAccounts accounts(store);
    auto found = check(accounts.find_by_email(email), "cannot read accounts");
    if (!found) fail(fmt::format("there is no account for {}", email));
    return *found;
  };

  auto* user_create = user_cmd->add_subcommand(
      "create", "create a staff account; the password is read from standard input");
  add_common(user_create);
  user_create->add_option("--email", email, "e-mail address (the login)")->required();
  user_create->add_option("--display-name", display_name, "name shown in the console");
  user_create
      ->add_option("--role", role_texts,
                   "platform-admin, city-admin:CITY, editor:CITY or "
                   "case-worker:CITY:MODULE (repeatable)")
      ->required();
  user_create->callback([&] {
    auto store = open_migrated(opt, catalog);
    identity::NewStaffMember member;
    member.email = check(identity::normalise_email(email), "invalid e-mail address");
    member.display_name =
        display_name.empty() ? member.email.substr(0, member.email.find('@')) : display_name;
    member.roles = parse_roles(role_texts, *store, catalog);
    member.password = read_password();
    identity::StaffAccounts accounts(*store);
    auto created = check(accounts.create(member, identity::cli_actor()), "cannot create account");
    std::cout << fmt::format("created staff account {} ({})\n", created.id, created.email);
  });

  auto* user_list = user_cmd->add_subcommand("list", "list staff accounts");
  add_common(user_list);
  std::string list_city;
  user_list->add_option("--city", list_city, "only those with a role in this city");
  user_list->callback([&] {
    auto store = open_migrated(opt, catalog);
    auto rows = check(store->read([&](storage::Transaction& tx) {
      return tx.query(
          "SELECT id FROM staff_users WHERE $1 = '' OR id IN (SELECT user_id "
          "FROM staff_roles WHERE city = $1) ORDER BY email",
          {list_city});
    }),
                      "cannot list accounts");
    identity::StaffAccounts accounts(*store);
    std::cout << fmt::format("{:<6} {:<32} {:<24} {:<9} {}\n", "ID", "EMAIL", "NAME", "STATE",
                             "ROLES");
    for (const auto& row : rows.rows)
      if (auto m = check(accounts.find(row.integer(0)), "cannot read account")) print_member(*m);
  });

  // Changes to one account, audited as made by the CLI.
  auto change_user = [&](const std::string& what, identity::StaffChange change) {
    auto store = open_migrated(opt, catalog);
    auto member = find_user(*store);
    identity::StaffAccounts accounts(*store);
    auto updated =
        check(accounts.update(member.id, change, "", identity::cli_actor(),
                              [](const identity::StaffMember&) -> Result<void> { return {}; }),
              "cannot change account");
    std::cout << what << ": ";
    print_member(updated);
  };
  auto* user_reset = user_cmd->add_subcommand(
      "reset-password", "set a new password (from standard input); ends all sessions");
  add_common(user_reset);
  user_reset->add_option("--email", email, "e-mail address")->required();
  user_reset->callback([&] {
    identity::StaffChange change;
    change.password = read_password();
    change_user("password changed", std::move(change));
  });
  for (auto [name, disabled] : {std::pair{"disable", true}, std::pair{"enable", false}}) {
    auto* cmd = user_cmd->add_subcommand(
        name, disabled ? "disable an account and end its sessions" : "enable an account again");
    add_common(cmd);
    cmd->add_option("--email", email, "e-mail address")->required();
    cmd->callback([&change_user, disabled = disabled, name = std::string(name)] {
      identity::StaffChange change;
      change.disabled = disabled;
      change_user(name + "d", std::move(change));
    });
  }
  auto* user_roles = user_cmd->add_subcommand("set-roles", "replace all roles of an account");
  add_common(user_roles);
  user_roles->add_option("--email", email, "e-mail address")->required();
  user_roles->add_option("--role", role_texts, "role (repeatable; none: no roles)");
  user_roles->callback([&] {
    auto store = open_migrated(opt, catalog);
    identity::StaffChange change;
    change.roles = parse_roles(role_texts, *store, catalog);
    change_user("roles set", std::move(change));
  });

  // Each module's own commands: `mosaik <module> <command> ...` (Module::cli_commands).
  struct ModuleCommandValues {
    std::map<std::string, std::string> text;
    std::map<std::string, CLI::Option*> given;
    std::map<std::string, bool> flags;
  };
  std::list<ModuleCommandValues> module_values;  // stable addresses for CLI11
  for (const auto& module : catalog.all()) {
    auto commands = module->cli_commands();
    if (commands.empty()) continue;
    auto* group = cli.add_subcommand(std::string(module->name()), std::string(module->title_en()))
                      ->require_subcommand(1);
    for (auto& command : commands) {
      auto* sub = group->add_subcommand(command.name, command.help);
      add_common(sub);
      auto& values = module_values.emplace_back();
      for (const auto& o : command.options) {
        auto key = o.name.substr(o.name.find_first_not_of('-'));
        if (o.flag) {
          sub->add_flag(o.name, values.flags[key], o.help);
          continue;
        }
        auto* added = sub->add_option(o.name, values.text[key], o.help);
        if (o.required) added->required();
        values.given[key] = added;
      }
      sub->callback([&, &values = values, run = command.run] {
        auto store = open_migrated(opt, catalog);
        modules::CliInvocation invocation{*store, catalog, {}};
        for (const auto& [key, text] : values.text)
          if (values.given.at(key)->count() > 0) invocation.values[key] = text;
        for (const auto& [key, on] : values.flags)
          if (on) invocation.values[key] = "true";
        auto out = run(invocation);
        if (!out)
          fail(std::string(out.error().detail()), out.error().code() == Errc::bad_request ? 2 : 1);
        std::cout << *out;
      });
    }
  }

  app::add_version_flag(cli, "mosaik");
  if (auto exit_code = app::parse_command_line(cli, argc, argv)) return *exit_code;
  return 0;
}
