#include "app/assembly.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/module_list.hpp"
#include "core/version.hpp"
#include "http/middleware.hpp"
#include "platform/identity/auth_middleware.hpp"
#include "platform/tenants/city_routes.hpp"
#include "platform/tenants/tenant_middleware.hpp"
#include "shared/media.hpp"

namespace mosaik::app {

namespace {
constexpr auto kCityRefreshInterval = std::chrono::seconds(2);
constexpr auto kSessionPurgeInterval = std::chrono::minutes(10);
}  // namespace

Result<std::unique_ptr<storage::Store>> open_configured_store(const Config& config) {
  return storage::open_store(config.database.url,
                             {.pool_size = config.database.pool_size,
                              .busy_timeout_ms = config.database.busy_timeout.count()});
}

Result<std::unique_ptr<Runtime>> Runtime::open(const Config& config) {
  std::unique_ptr<Runtime> rt(new Runtime(config));
  if (auto r = rt->build(); !r) return std::move(r).error();
  return rt;
}

Runtime::~Runtime() {
  if (jobs_) jobs_->stop();
}

Result<void> Runtime::build() {
  catalog_ = make_module_catalog();
  migrations_ = all_migrations(catalog_);

  auto store = open_configured_store(config_);
  if (!store) return std::move(store).error();
  store_ = std::move(*store);
  auto applied = storage::migrate(
      *store_, migrations_, [](const storage::Migration& m, std::size_t i, std::size_t n) {
        spdlog::info("migrating [{}/{}] {} #{}: {}", i + 1, n, m.module, m.version, m.name);
      });
  if (!applied) return std::move(applied).error();

  city_store_ = std::make_unique<tenants::CityStore>(*store_, catalog_);
  links_ = std::make_unique<tenants::PublicLinks>(config_.server.public_url);
  directory_ = std::make_unique<tenants::CityDirectory>(*city_store_, catalog_, *links_);
  if (auto r = directory_->reload(); !r) return std::move(r).error();
  spdlog::info("{} cities loaded", directory_->snapshot()->cities.size());

  auto log = AccessLog::open(config_.log.access_log);
  if (!log) return std::move(log).error();
  access_log_ = std::move(*log);

  auto site = http::StaticSite::load(config_.web.root);
  if (!site) return std::move(site).error();
  site_ = std::move(*site);
  spdlog::info("web app: {} files from {}", site_->file_count(), config_.web.root);

  http::Router router;
  // Probes and metrics are public like the rest of the read API; operators who do not want
  // /metrics on the internet block it at the reverse proxy (docs/operations.md).
  const http::RouteOptions open{.access = http::Access::public_};
  router.add(
      http::Method::get, "/healthz",
      [](http::RequestContext&) { return http::json_response(200, R"({"status":"ok"})"); }, open);
  router.add(
      http::Method::get, "/readyz",
      [this](http::RequestContext&) -> http::Response {
        if (auto ping = store_->ping(); !ping)
          return Error(Errc::unavailable, "The database does not answer: " + ping.error().detail());
        auto status = storage::migration_status(*store_, migrations_);
        if (!status) return Error(Errc::unavailable, status.error().detail());
        if (!status->pending.empty())
          return Error(Errc::unavailable,
                       fmt::format("{} migration(s) pending", status->pending.size()));
        return http::json_response(
            200, json::serialize(json::object{{"status", "ready"},
                                              {"database", storage::to_string(store_->backend())},
                                              {"migrations", status->applied}}));
      },
      {.blocking = true, .access = http::Access::public_});
  router.add(
      http::Method::get, "/metrics",
      [this](http::RequestContext&) {
        return http::text_response(200, "text/plain; version=0.0.4; charset=utf-8",
                                   metrics_.render());
      },
      open);
  tenants::add_city_routes(router, *directory_, *city_store_, catalog_);
  web_app_ = std::make_unique<tenants::CityWebApp>(*directory_, catalog_, site_);
  web_app_->add_routes(router);
  shared::add_media_routes(router, *store_, config_.media);
  sessions_ = std::make_unique<identity::Sessions>(*store_, config_.auth);
  accounts_ = std::make_unique<identity::StaffAccounts>(*store_);
  identity_context_ = std::make_unique<identity::IdentityContext>(identity::IdentityContext{
      *store_, *sessions_, *accounts_, *directory_, catalog_, config_.http.trusted_proxies});
  identity::add_identity_routes(router, *identity_context_);

  module_context_ = std::make_unique<modules::ModuleContext>(
      modules::ModuleContext{*store_, *directory_, config_, *links_});
  std::vector<JobRunner::Entry> jobs{
      {"refresh cities", kCityRefreshInterval,
       [this] {
         if (auto r = directory_->refresh_if_changed(); !r)
           spdlog::warn("refreshing cities failed: {}", r.error().detail());
       }},
      {"purge ended sessions", kSessionPurgeInterval, [this] {
         if (auto r = sessions_->purge_expired(); !r)
           spdlog::warn("purging sessions failed: {}", r.error().detail());
       }}};
  for (const auto& module : catalog_.all()) {
    modules::ModuleRouter module_router(router, std::string(module->name()));
    auto& running = *runtimes_.emplace_back(module->start(*module_context_));
    running.register_routes(module_router);
    // Standards keep their own roots (/open311/v2/), outside the modules' city routes.
    running.register_root_routes(router);
    for (auto& job : running.jobs())
      jobs.push_back(
          {std::string(module->name()) + ": " + job.name, job.interval, std::move(job.run)});
  }

  // The middleware chain, outermost first.
  auto pipeline = std::make_unique<http::Pipeline>(http::dispatch_to_route);
  pipeline->add(std::make_unique<http::RequestIdMiddleware>());
  pipeline->add(std::make_unique<http::ObservabilityMiddleware>(metrics_, *access_log_,
                                                                config_.http.trusted_proxies));
  pipeline->add(std::make_unique<http::SecurityHeadersMiddleware>(config_));
  pipeline->add(std::make_unique<http::ProblemMiddleware>());
  pipeline->add(std::make_unique<http::CorsMiddleware>(config_.http.cors_origins));
  pipeline->add(std::make_unique<http::ConditionalMiddleware>());
  pipeline->add(std::make_unique<http::CompressionMiddleware>(config_.http.gzip,
                                                              config_.http.gzip_min_bytes));
  pipeline->add(std::make_unique<http::RoutingMiddleware>(
      [site = site_, web_app = web_app_.get()](http::RequestContext& ctx) {
        if (auto shell = web_app->serve_shell(ctx)) return std::move(*shell);
        return site->serve(ctx);
      }));
  pipeline->add(std::make_unique<tenants::TenantMiddleware>(*directory_));
  pipeline->add(std::make_unique<identity::AuthMiddleware>(*sessions_));
  if (auto declared = router.check_access_declared(); !declared) return declared;

  metrics_.add_gauge({"mosaik_db_pool_connections", "Database connections by state.",
                      "state=\"open\"",
                      [this] { return static_cast<double>(store_->pool_stats().size); }});
  metrics_.add_gauge({"mosaik_db_pool_connections", "Database connections by state.",
                      "state=\"in_use\"",
                      [this] { return static_cast<double>(store_->pool_stats().in_use); }});
  metrics_.add_gauge({"mosaik_db_pool_waiting", "Callers waiting for a database connection.", "",
                      [this] { return static_cast<double>(store_->pool_stats().waiting); }});
  metrics_.add_gauge({"mosaik_build_info", "The version of this mosaikd; always 1.",
                      fmt::format("version=\"{}\"", build_version()), [] { return 1.0; }});
  metrics_.add_gauge({"mosaik_access_log_dropped_lines",
                      "Access log lines dropped because the disk did not keep up.", "",
                      [this] { return static_cast<double>(access_log_->dropped()); }});
  metrics_.add_gauge({"mosaik_cities", "Cities served.", "", [this] {
                        return static_cast<double>(directory_->snapshot()->cities.size());
                      }});

  app_ = std::make_unique<http::Application>(std::move(router), std::move(pipeline), metrics_);
  jobs_ = std::make_unique<JobRunner>(std::move(jobs));
  return {};
}

void Runtime::listening_on(std::string_view host, std::uint16_t port) {
  if (links_->configured()) {
    spdlog::info("absolute links use server.public_url {} (and a city's own domains)",
                 links_->origin());
    return;
  }
  links_->use_listen_address(host, port);
  spdlog::warn(
      "server.public_url is not set: absolute links (feeds, calendars, e-mails, Open311) use {} "
      "(and a city's own domains); set it to the address citizens use",
      links_->origin());
}

json::array Runtime::route_table() const {
  json::array out;
  for (const auto& r : app_->router().routes())
    out.push_back(json::object{{"method", http::to_string(r->method)},
                               {"pattern", r->pattern},
                               {"module", r->options.module},
                               {"access", http::to_string(r->options.access)}});
  return out;
}

}  // namespace mosaik::app
