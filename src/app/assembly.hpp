// Wiring: the one list of compiled-in modules and the one list of middleware, and the Runtime
// that holds everything a running mosaikd needs.
#pragma once

#include <memory>

#include "app/city_web_app.hpp"
#include "app/module_list.hpp"
#include "core/config.hpp"
#include "core/jobs.hpp"
#include "core/logging.hpp"
#include "core/metrics.hpp"
#include "http/application.hpp"
#include "http/static_site.hpp"
#include "platform/identity/identity_routes.hpp"
#include "platform/module.hpp"
#include "platform/tenants/city_directory.hpp"
#include "platform/tenants/public_links.hpp"

namespace mosaik::app {

// Opens the store named by the configuration (pool size and busy timeout from it).
Result<std::unique_ptr<storage::Store>> open_configured_store(const Config& config);

class Runtime {
 public:
  // Opens the database, applies pending migrations, loads the cities and the web app, and
  // builds routes and middleware. Errors carry an operator-readable detail.
  static Result<std::unique_ptr<Runtime>> open(const Config& config);
  ~Runtime();

  const Config& config() const noexcept { return config_; }
  const http::Application& application() const noexcept { return *app_; }
  Metrics& metrics() noexcept { return metrics_; }
  JobRunner& jobs() noexcept { return *jobs_; }
  AccessLog& access_log() noexcept { return *access_log_; }
  // Tells where mosaikd listens, for links while server.public_url is unset (logged either way).
  // REQUIRES: after binding, before serving requests and starting jobs.
  void listening_on(std::string_view host, std::uint16_t port);
  // Every route with its declared access: [{"method","pattern","module","access"}].
  json::array route_table() const;

 private:
  explicit Runtime(const Config& config) : config_(config) {}
  Result<void> build();

  Config config_;
  Metrics metrics_;
  modules::ModuleCatalog catalog_;
  std::vector<storage::Migration> migrations_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<tenants::CityStore> city_store_;
  std::unique_ptr<tenants::PublicLinks> links_;
  std::unique_ptr<tenants::CityDirectory> directory_;
  std::unique_ptr<tenants::CityWebApp> web_app_;
  std::unique_ptr<modules::ModuleContext> module_context_;
  std::vector<std::unique_ptr<modules::ModuleRuntime>> runtimes_;  // one per module, in order
  std::unique_ptr<identity::Sessions> sessions_;
  std::unique_ptr<identity::StaffAccounts> accounts_;
  std::unique_ptr<identity::IdentityContext> identity_context_;
  std::shared_ptr<AccessLog> access_log_;
  std::shared_ptr<const http::StaticSite> site_;
  std::unique_ptr<http::Application> app_;
  std::unique_ptr<JobRunner> jobs_;
};

}  // namespace mosaik::app
