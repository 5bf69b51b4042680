// mosaikd: the Mosaik server.
//   mosaikd [--listen HOST:PORT] [--database URL] [--config FILE] [--threads N] [--web-root DIR]
//           [--set KEY=VALUE ...] [--routes] | --version
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <iostream>

#include "app/assembly.hpp"
#include "app/command_line.hpp"
#include "net/server.hpp"

int main(int argc, char** argv) {
  using namespace mosaik;
  CLI::App cli{"mosaikd: the Mosaik server for municipal citizen apps"};
  std::optional<std::string> config_file, listen, database, web_root;
  std::optional<unsigned> threads;
  std::vector<std::string> sets;
  cli.add_option("--config", config_file, "TOML configuration file (mosaik.toml)");
  cli.add_option("--listen", listen, "HOST:PORT to listen on (server.listen)");
  cli.add_option("--database", database, "sqlite:PATH or postgresql://... (database.url)");
  cli.add_option("--threads", threads, "network threads; 0: one per core (server.threads)");
  cli.add_option("--web-root", web_root, "directory of the built web app (web.root)");
  bool print_routes = false;
  cli.add_flag("--routes", print_routes,
               "print every route with its declared access requirement as JSON and exit");
  cli.add_option("--set", sets,
                 "override any configuration key: --set server.max_body_bytes=2097152");
  std::string keys = "Configuration keys (TOML key = environment variable):\n";
  auto module_keys = app::module_config_keys(app::make_module_catalog());
  for (const auto& [key, env] : config_keys(module_keys)) keys += "  " + key + " = " + env + "\n";
  cli.footer(keys);
  app::add_version_flag(cli, "mosaikd");
  if (auto exit_code = app::parse_command_line(cli, argc, argv)) return *exit_code;

  ConfigSources sources;
  sources.module_keys = module_keys;
  sources.file = config_file;
  sources.environment = mosaik_environment();
  for (const auto& s : sets) {
    auto eq = s.find('=');
    if (eq == std::string::npos) {
      std::cerr << "mosaikd: --set needs KEY=VALUE, got '" << s << "'\n";
      return 2;
    }
    sources.overrides.emplace_back(s.substr(0, eq), s.substr(eq + 1));
  }
  if (listen) sources.overrides.emplace_back("server.listen", *listen);
  if (database) sources.overrides.emplace_back("database.url", *database);
  if (threads) sources.overrides.emplace_back("server.threads", std::to_string(*threads));
  if (web_root) sources.overrides.emplace_back("web.root", *web_root);

  auto config = load_config(sources);
  if (!config) {
    std::cerr << "mosaikd: invalid configuration:\n";
    std::string_view detail = config.error().detail();
    while (!detail.empty()) {
      auto nl = detail.find('\n');
      std::cerr << "  - " << detail.substr(0, nl) << "\n";
      detail = nl == std::string_view::npos ? std::string_view{} : detail.substr(nl + 1);
    }
    return 2;
  }
  if (config->server.blocking_threads == 0)
    config->server.blocking_threads = config->database.pool_size;
  setup_logging(config->log);

  auto runtime = app::Runtime::open(*config);
  if (!runtime) {
    spdlog::critical("cannot start: {}", runtime.error().detail());
    return 1;
  }
  if (print_routes) {
    std::cout << json::serialize((*runtime)->route_table()) << std::endl;
    return 0;
  }
  net::Server server(config->server, (*runtime)->application(), (*runtime)->metrics());
  if (auto bound = server.bind(); !bound) {
    spdlog::critical("{}", bound.error().detail());
    return 1;
  }
  (*runtime)->listening_on(config->server.host, server.port());
  auto host = config->server.host.find(':') != std::string::npos ? "[" + config->server.host + "]"
                                                                 : config->server.host;
  // Announced on stdout, flushed: scripts and the integration tests read the port from here.
  std::fprintf(stdout, "mosaikd listening on http://%s:%u\n", host.c_str(),
               static_cast<unsigned>(server.port()));
  std::fflush(stdout);
  (*runtime)->jobs().start();
  server.run();
  (*runtime)->jobs().stop();
  (*runtime)->access_log().flush();
  spdlog::info("stopped");
  return 0;
}
