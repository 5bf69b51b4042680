// Mosaik configuration: defaults < TOML file (mosaik.toml) < MOSAIK_* environment < command line.
//
// Every key is declared once in config.cpp with its type and range. Unknown keys and invalid
// values are errors, never ignored: `load_config` returns all of them together so that an
// operator can fix the file in one go.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace mosaik {

struct ServerConfig {
  std::string listen = "127.0.0.1:8080";  // HOST:PORT; port 0 picks a free port
  unsigned threads = 0;                   // 0: one per core
  std::size_t max_header_bytes = 16 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::milliseconds read_timeout{10'000};  // whole request, once its first byte arrived
  std::chrono::milliseconds idle_timeout{60'000};  // keep-alive wait for the next request
  std::chrono::milliseconds shutdown_grace{10'000};
  std::size_t max_connections = 10'000;
  std::string public_url;         // e.g. "https://app.stadt.example"; empty: root-relative links
  unsigned blocking_threads = 0;  // threads for database work; 0: database.pool_size

  // Parsed from `listen` by load_config.
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
};

struct DatabaseConfig {
  std::string url = "sqlite:var/mosaik.db";  // "sqlite:PATH" or "postgresql://..."
  unsigned pool_size = 8;
  std::chrono::milliseconds busy_timeout{5'000};
};

struct HttpConfig {
  std::vector<std::string> cors_origins;  // exact origins, or "*"; empty: no CORS headers
  // Addresses of reverse proxies whose X-Forwarded-For is believed (exact IPs, e.g. "127.0.0.1").
  // Empty: the TCP peer is the client (X-Forwarded-For is ignored: anyone can send it).
  std::vector<std::string> trusted_proxies;
  bool gzip = true;
  std::size_t gzip_min_bytes = 1024;
  std::string content_security_policy =
      "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; "
      "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
};

struct LogConfig {
  std::string level = "info";         // trace, debug, info, warn, error, off
  std::string access_log = "stdout";  // "stdout", "off" or a file path
};

struct WebConfig {
  std::string root = "web/dist";  // built web app; missing directory: API only
};

// Staff sign-in (identity/): sessions and login throttling.
struct AuthConfig {
  bool cookie_secure = true;  // the session cookie's Secure flag; false only for plain-HTTP dev
  std::chrono::milliseconds session_idle{30 * 60'000};         // ends after this long unused
  std::chrono::milliseconds session_absolute{12 * 3'600'000};  // ends this long after login
  unsigned login_max_failures = 5;               // per account, then locked for login_lockout
  unsigned login_max_failures_per_address = 20;  // per client address, likewise
  std::chrono::milliseconds login_lockout{15 * 60'000};
};

// Images uploaded by staff (content/media): limits and the size they are stored at.
struct MediaConfig {
  std::size_t max_upload_bytes = 10 * 1024 * 1024;  // the upload route's body limit
  std::uint64_t max_pixels = 40'000'000;            // width x height before decoding
  unsigned max_edge = 2048;                         // longer side after re-encoding, pixels
};

// Fetching feeds for imports (news, events).
struct ImportsConfig {
  bool allow_private_networks = false;  // see shared::FetchOptions
};

// Outgoing e-mail (content/mail): the SMTP relay that the reports module's outbox job sends
// through. The password is never logged.
struct MailConfig {
  // "smtp://HOST[:PORT][/EHLO-NAME]" or "smtps://HOST[:PORT][/EHLO-NAME]"; empty: sending is
  // disabled and messages stay queued. No credentials in the URL: use username/password.
  std::string smtp_url;
  std::string from = "Mosaik <no-reply@localhost>";  // "addr" or "Display Name <addr>"
  std::string username;                              // empty: no SMTP AUTH
  std::string password;
  std::chrono::milliseconds interval{10'000};  // how often the outbox job runs
  unsigned max_attempts = 8;                   // sends of one message before it is given up
  bool starttls = false;                       // smtp://: require STARTTLS (fail without it)
};

struct Config {
  ServerConfig server;
  DatabaseConfig database;
  HttpConfig http;
  LogConfig log;
  WebConfig web;
  AuthConfig auth;
  MediaConfig media;
  ImportsConfig imports;
  MailConfig mail;

  // The modules' own sections ("events.import_interval_ms"), declared by each module
  // (ModuleConfigKey) and checked like every other key; defaults filled in.
  // REQUIRES: `path` was declared (a programming error otherwise: std::out_of_range).
  std::int64_t number(const std::string& path) const { return module_numbers.at(path); }
  std::chrono::milliseconds duration(const std::string& path) const {
    return std::chrono::milliseconds(number(path));
  }
  bool flag(const std::string& path) const { return module_numbers.at(path) != 0; }
  const std::string& text(const std::string& path) const { return module_texts.at(path); }
  std::map<std::string, std::int64_t> module_numbers;  // whole numbers and booleans (0/1)
  std::map<std::string, std::string> module_texts;
};

// A key of a module's own configuration section, declared by the module
// (modules::Module::config_keys) so that the core names no module. Parsed from the same TOML
// file, MOSAIK_* variable and --set as every key; unknown keys are still errors.
struct ModuleConfigKey {
  enum class Kind { text, whole_number, boolean };
  std::string path;  // "<module>.<name>", e.g. "events.import_interval_ms"
  Kind kind = Kind::whole_number;
  std::int64_t min = 0, max = 0;  // whole numbers
  std::string default_value;      // as it would be written in a MOSAIK_* variable
};

struct ConfigSources {
  std::optional<std::string> file;                 // path to a TOML file
  std::map<std::string, std::string> environment;  // usually the process environment
  std::vector<std::pair<std::string, std::string>>
      overrides;                             // "server.listen" -> "..." from flags
  std::vector<ModuleConfigKey> module_keys;  // the compiled-in modules' sections
};

// Returns the merged configuration, or every problem found (one per line in the Error detail).
Result<Config> load_config(const ConfigSources& sources);

// The environment of this process, only the MOSAIK_* variables.
std::map<std::string, std::string> mosaik_environment();

// Every key (with the modules' `module_keys`) with its environment variable name, for --help
// and the docs.
std::vector<std::pair<std::string, std::string>> config_keys(
    const std::vector<ModuleConfigKey>& module_keys = {});

}  // namespace mosaik
