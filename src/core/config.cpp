#include "core/config.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>

#include "core/mailbox.hpp"

extern char** environ;

namespace mosaik {
namespace {

enum class Kind { string, unsigned_int, size, milliseconds, boolean, string_list };

// A parsed value before it is stored into Config.
struct Raw {
  std::string text;
  std::int64_t number = 0;
  bool flag = false;
  std::vector<std::string> list;
};

struct Key {
  std::string_view path;
  Kind kind;
  std::int64_t min = 0;
  std::int64_t max = 0;
  std::function<void(Config&, const Raw&)> store;
};

const std::vector<Key>& keys() {
  using std::chrono::milliseconds;
  static const std::vector<Key> table = {
      {"server.listen", Kind::string, 0, 0,
       [](Config& c, const Raw& r) { c.server.listen = r.text; }},
      {"server.threads", Kind::unsigned_int, 0, 256,
       [](Config& c, const Raw& r) { c.server.threads = static_cast<unsigned>(r.number); }},
      {"server.max_header_bytes", Kind::size, 1024, 1 << 20,
       [](Config& c, const Raw& r) {
         c.server.max_header_bytes = static_cast<std::size_t>(r.number);
       }},
      {"server.max_body_bytes", Kind::size, 1024, std::int64_t{1} << 30,
       [](Config& c, const Raw& r) {
         c.server.max_body_bytes = static_cast<std::size_t>(r.number);
       }},
      {"server.read_timeout_ms", Kind::milliseconds, 100, 600'000,
       [](Config& c, const Raw& r) { c.server.read_timeout = milliseconds(r.number); }},
      {"server.idle_timeout_ms", Kind::milliseconds, 100, 3'600'000,
       [](Config& c, const Raw& r) { c.server.idle_timeout = milliseconds(r.number); }},
      {"server.shutdown_grace_ms", Kind::milliseconds, 0, 600'000,
       [](Config& c, const Raw& r) { c.server.shutdown_grace = milliseconds(r.number); }},
      {"server.max_connections", Kind::size, 1, 1'000'000,
       [](Config& c, const Raw& r) {
         c.server.max_connections = static_cast<std::size_t>(r.number);
       }},
      {"server.public_url", Kind::string, 0, 0,
       [](Config& c, const Raw& r) { c.server.public_url = r.text; }},
      {"server.blocking_threads", Kind::unsigned_int, 0, 1024,
       [](Config& c, const Raw& r) {
         c.server.blocking_threads = static_cast<unsigned>(r.number);
       }},
      {"database.url", Kind::string, 0, 0,
       [](Config& c, const Raw& r) { c.database.url = r.text; }},
      {"database.pool_size", Kind::unsigned_int, 1, 1024,
       [](Config& c, const Raw& r) { c.database.pool_size = static_cast<unsigned>(r.number); }},
      {"database.busy_timeout_ms", Kind::milliseconds, 0, 600'000,
       [](Config& c, const Raw& r) { c.database.busy_timeout = milliseconds(r.number); }},
      {"http.cors_origins", Kind::string_list, 0, 0,
       [](Config& c, const Raw& r) { c.http.cors_origins = r.list; }},
      {"http.trusted_proxies", Kind::string_list, 0, 0,
       [](Config& c, const Raw& r) { c.http.trusted_proxies = r.list; }},
      {"http.gzip", Kind::boolean, 0, 0, [](Config& c, const Raw& r) { c.http.gzip = r.flag; }},
      {"http.gzip_min_bytes", Kind::size, 0, 1 << 30,
       [](Config& c, const Raw& r) { c.http.gzip_min_bytes = static_cast<std::size_t>(r.number); }},
      {"http.content_security_policy", Kind::string, 0, 0,
       [](Config& c, const Raw& r) { c.http.content_security_policy = r.text; }},
      {"media.max_upload_bytes", Kind::size, 1024, std::int64_t{1} << 30,
       [](Config& c, const Raw& r) {
         c.media.max_upload_bytes = static_cast<std::size_t>(r.number);
       }},
      {"media.max_pixels", Kind::size, 1, std::int64_t{1} << 32,
       [](Config& c, const Raw& r) { c.media.max_pixels = static_cast<std::uint64_t>(r.number); }},
      {"media.max_edge", Kind::unsigned_int, 64, 8192,
       [](Config& c, const Raw& r) { c.media.max_edge = static_cast<unsigned>(r.number); }},
      {"imports.allow_private_networks", Kind::boolean, 0, 0,
       [](Config& c, const Raw& r) { c.imports.allow_private_networks = r.flag; }},
      {"log.level", Kind::string, 0, 0, [](Config& c, const Raw& r) { c.log.level = r.text; }},
      {"log.access_log", Kind::string, 0, 0,
       [](Config& c, const Raw& r) { c.log.access_log = r.text; }},
      {"web.root", Kind::string, 0, 0, [](Config& c, const Raw& r) { c.web.root = r.text; }},
      {"auth.cookie_secure", Kind::boolean, 0, 0,
       [](Config& c, const Raw& r) { c.auth.cookie_secure = r.flag; }},
      {"auth.session_idle_ms", Kind::milliseconds, 1'000, 7 * 86'400'000LL,
       [](Config& c, const Raw& r) { c.auth.session_idle = milliseconds(r.number); }},
      {"auth.session_absolute_ms", Kind::milliseconds, 1'000, 30 * 86'400'000LL,
       [](Config& c, const Raw& r) { c.auth.session_absolute = milliseconds(r.number); }},
      {"auth.login_max_failures", Kind::unsigned_int, 1, 1000,
       [](Config& c, const Raw& r) {
         c.auth.login_max_failures = static_cast<unsigned>(r.number);
       }},
      {"auth.login_max_failures_per_address", Kind::unsigned_int, 1, 100'000,
       [](Config& c, const Raw& r) {
         c.auth.login_max_failures_per_address = static_cast<unsigned>(r.number);
       }},
      {"auth.login_lockout_ms", Kind::milliseconds, 1'000, 86'400'000,
       [](Config& c, const Raw& r) { c.auth.login_lockout = milliseconds(r.number); }},
      {"mail.smtp_url", Kind::string, 0, 0,
       [](Config& c, const Raw& r) { c.mail.smtp_url = r.text; }},
      {"mail.from", Kind::string, 0, 0, [](Config& c, const Raw& r) { c.mail.from = r.text; }},
      {"mail.username", Kind::string, 0, 0,
       [](Config& c, const Raw& r) { c.mail.username = r.text; }},
      {"mail.password", Kind::string, 0, 0,
       [](Config& c, const Raw& r) { c.mail.password = r.text; }},
      {"mail.interval_ms", Kind::milliseconds, 100, 86'400'000,
       [](Config& c, const Raw& r) { c.mail.interval = milliseconds(r.number); }},
      {"mail.max_attempts", Kind::unsigned_int, 1, 50,
       [](Config& c, const Raw& r) { c.mail.max_attempts = static_cast<unsigned>(r.number); }},
      {"mail.starttls", Kind::boolean, 0, 0,
       [](Config& c, const Raw& r) { c.mail.starttls = r.flag; }},
  };
  return table;
}

// The platform's keys and the modules' (whose paths live in `module_keys`).
std::vector<Key> all_keys(const std::vector<ModuleConfigKey>& module_keys) {
  auto table = keys();
  for (const auto& m : module_keys) {
    switch (m.kind) {
      case ModuleConfigKey::Kind::text:
        table.push_back({m.path, Kind::string, 0, 0, [path = m.path](Config& c, const Raw& r) {
                           c.module_texts[path] = r.text;
                         }});
        break;
      case ModuleConfigKey::Kind::whole_number:
        table.push_back(
            {m.path, Kind::size, m.min, m.max,
             [path = m.path](Config& c, const Raw& r) { c.module_numbers[path] = r.number; }});
        break;
      case ModuleConfigKey::Kind::boolean:
        table.push_back({m.path, Kind::boolean, 0, 0, [path = m.path](Config& c, const Raw& r) {
                           c.module_numbers[path] = r.flag ? 1 : 0;
                         }});
        break;
    }
  }
  return table;
}

const Key* find_key(const std::vector<Key>& table, std::string_view path) {
  for (const auto& k : table)
    if (k.path == path) return &k;
  return nullptr;
}

std::string env_name(std::string_view path) {
  std::string name = "MOSAIK_";
  for (char ch : path)
    name += ch == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return name;
}

const char* kind_name(Kind k) {
  switch (k) {
    case Kind::string:
      return "a string";
    case Kind::unsigned_int:
    case Kind::size:
    case Kind::milliseconds:
      return "a whole number";
    case Kind::boolean:
      return "true or false";
    case Kind::string_list:
      return "a list of strings";
  }
  return "?";
}

// Parses a value written as text (environment or command line).
std::optional<std::string> parse_text(const Key& key, std::string_view text, Raw& out) {
  switch (key.kind) {
    case Kind::string:
      out.text = std::string(text);
      return std::nullopt;
    case Kind::boolean:
      if (text == "true" || text == "1" || text == "yes") {
        out.flag = true;
        return std::nullopt;
      }
      if (text == "false" || text == "0" || text == "no") {
        out.flag = false;
        return std::nullopt;
      }
      return "expected true or false";
    case Kind::string_list: {
      out.list.clear();
      std::size_t start = 0;
      while (start <= text.size()) {
        auto end = text.find(',', start);
        if (end == std::string_view::npos) end = text.size();
        auto item = text.substr(start, end - start);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (!item.empty()) out.list.emplace_back(item);
        start = end + 1;
      }
      return std::nullopt;
    }
    case Kind::unsigned_int:
    case Kind::size:
    case Kind::milliseconds: {
      std::int64_t n = 0;
      auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
      if (ec != std::errc() || p != text.data() + text.size()) return "expected a whole number";
      out.number = n;
      return std::nullopt;
    }
  }
  return "unsupported";
}

std::optional<std::string> parse_toml(const Key& key, const toml::node& node, Raw& out) {
  switch (key.kind) {
    case Kind::string:
      if (auto v = node.value<std::string>(); v && node.is_string()) {
        out.text = *v;
        return std::nullopt;
      }
      break;
    case Kind::boolean:
      if (node.is_boolean()) {
        out.flag = *node.value<bool>();
        return std::nullopt;
      }
      break;
    case Kind::unsigned_int:
    case Kind::size:
    case Kind::milliseconds:
      if (node.is_integer()) {
        out.number = *node.value<std::int64_t>();
        return std::nullopt;
      }
      break;
    case Kind::string_list:
      if (const auto* arr = node.as_array()) {
        out.list.clear();
        for (const auto& item : *arr) {
          if (!item.is_string()) return "expected a list of strings";
          out.list.push_back(*item.value<std::string>());
        }
        return std::nullopt;
      }
      break;
  }
  return fmt::format("expected {}", kind_name(key.kind));
}

std::optional<std::string> check_range(const Key& key, const Raw& raw) {
  if (key.kind != Kind::unsigned_int && key.kind != Kind::size && key.kind != Kind::milliseconds)
    return std::nullopt;
  if (raw.number < key.min || raw.number > key.max)
    return fmt::format("must be between {} and {}", key.min, key.max);
  return std::nullopt;
}

void walk_toml(const std::vector<Key>& all, const toml::table& table, const std::string& prefix,
               Config& config, std::vector<std::string>& problems, const std::string& origin) {
  for (const auto& [k, node] : table) {
    std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = node.as_table()) {
      walk_toml(all, *sub, path, config, problems, origin);
      continue;
    }
    const Key* key = find_key(all, path);
    if (!key) {
      problems.push_back(fmt::format("{}: unknown key '{}'", origin, path));
      continue;
    }
    Raw raw;
    auto err = parse_toml(*key, node, raw);
    if (!err) err = check_range(*key, raw);
    if (err) {
      problems.push_back(fmt::format("{}: '{}' {}", origin, path, *err));
      continue;
    }
    key->store(config, raw);
  }
}

void apply_text(const Key& key, std::string_view text, Config& config,
                std::vector<std::string>& problems, const std::string& origin) {
  Raw raw;
  auto err = parse_text(key, text, raw);
  if (!err) err = check_range(key, raw);
  if (err) {
    problems.push_back(fmt::format("{}: '{}' {}", origin, key.path, *err));
    return;
  }
  key.store(config, raw);
}

// The URL is never echoed: it could hold a password despite the rule against it.
void validate_mail(const MailConfig& m, std::vector<std::string>& problems) {
  if (!m.smtp_url.empty()) {
    std::string_view url = m.smtp_url;
    std::string_view rest;
    if (url.starts_with("smtp://"))
      rest = url.substr(7);
    else if (url.starts_with("smtps://"))
      rest = url.substr(8);
    else
      problems.push_back("'mail.smtp_url' must start with smtp:// or smtps://");
    if (url.starts_with("smtp://") || url.starts_with("smtps://")) {
      auto authority = rest.substr(0, rest.find_first_of("/?#"));
      if (authority.find('@') != std::string_view::npos)
        problems.push_back(
            "'mail.smtp_url' must not hold credentials: use mail.username and mail.password");
      else if (authority.empty() || authority.front() == ':')
        problems.push_back("'mail.smtp_url' has no host");
    }
  }
  if (!parse_mailbox(m.from))
    problems.push_back(fmt::format(
        "'mail.from' must be an e-mail address or \"Display Name <address>\", got '{}'", m.from));
  if (!m.password.empty() && m.username.empty())
    problems.push_back("'mail.password' is set without 'mail.username'");
}

void validate(Config& c, std::vector<std::string>& problems) {
  auto colon = c.server.listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    problems.push_back(fmt::format("'server.listen' must be HOST:PORT, got '{}'", c.server.listen));
  } else {
    c.server.host = c.server.listen.substr(0, colon);
    if (c.server.host.size() > 2 && c.server.host.front() == '[' && c.server.host.back() == ']')
      c.server.host = c.server.host.substr(1, c.server.host.size() - 2);
    auto port_text = std::string_view(c.server.listen).substr(colon + 1);
    unsigned port = 0;
    auto [p, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    if (ec != std::errc() || p != port_text.data() + port_text.size() || port > 65535)
      problems.push_back(fmt::format("'server.listen' has an invalid port '{}'", port_text));
    else
      c.server.port = static_cast<std::uint16_t>(port);
  }
  const std::string& url = c.database.url;
  if (!(url.starts_with("sqlite:") && url.size() > 7) && !url.starts_with("postgresql://") &&
      !url.starts_with("postgres://"))
    problems.push_back(
        fmt::format("'database.url' must be sqlite:PATH or postgresql://..., got '{}'", url));
  static constexpr std::array levels = {"trace", "debug", "info", "warn", "error", "off"};
  if (std::find(levels.begin(), levels.end(), c.log.level) == levels.end())
    problems.push_back(fmt::format(
        "'log.level' must be one of trace, debug, info, warn, error, off; got '{}'", c.log.level));
  if (c.log.access_log.empty())
    problems.push_back("'log.access_log' must be stdout, off or a file path");
  for (const auto& origin : c.http.cors_origins)
    if (origin != "*" && !origin.starts_with("http://") && !origin.starts_with("https://"))
      problems.push_back(
          fmt::format("'http.cors_origins' entry '{}' must be * or an http(s) origin", origin));
  if (!c.server.public_url.empty() && !c.server.public_url.starts_with("http://") &&
      !c.server.public_url.starts_with("https://"))
    problems.push_back("'server.public_url' must start with http:// or https://");
  while (c.server.public_url.ends_with('/')) c.server.public_url.pop_back();
  validate_mail(c.mail, problems);
}

}  // namespace

Result<Config> load_config(const ConfigSources& sources) {
  Config config;
  std::vector<std::string> problems;
  const auto all = all_keys(sources.module_keys);
  for (const auto& m : sources.module_keys) {
    if (auto dot = m.path.find('.'); dot == std::string::npos || dot == 0)
      problems.push_back(fmt::format("module key '{}' must be <module>.<name>", m.path));
    if (std::count_if(all.begin(), all.end(), [&](const Key& k) { return k.path == m.path; }) > 1)
      problems.push_back(fmt::format("module key '{}' is declared twice", m.path));
    apply_text(*find_key(all, m.path), m.default_value, config, problems,
               "the default of " + m.path);
  }

  if (sources.file) {
    try {
      toml::table table = toml::parse_file(*sources.file);
      walk_toml(all, table, "", config, problems, *sources.file);
    } catch (const toml::parse_error& e) {
      const auto& where = e.source().begin;
      problems.push_back(
          fmt::format("{}:{}:{}: {}", *sources.file, where.line, where.column, e.description()));
    }
  }
  for (const auto& [name, value] : sources.environment) {
    if (!name.starts_with("MOSAIK_")) continue;
    const Key* match = nullptr;
    for (const auto& k : all)
      if (env_name(k.path) == name) match = &k;
    if (!match) {
      problems.push_back(fmt::format("environment: unknown variable {}", name));
      continue;
    }
    apply_text(*match, value, config, problems, "environment " + name);
  }
  for (const auto& [path, value] : sources.overrides) {
    const Key* key = find_key(all, path);
    if (!key) {
      problems.push_back(fmt::format("command line: unknown key '{}'", path));
      continue;
    }
    apply_text(*key, value, config, problems, "command line");
  }
  validate(config, problems);
  if (!problems.empty()) {
    std::string detail;
    for (const auto& p : problems) detail += p + "\n";
    detail.pop_back();
    return Error(Errc::validation_failed, detail);
  }
  return config;
}

std::map<std::string, std::string> mosaik_environment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    if (!entry.starts_with("MOSAIK_")) continue;
    auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(entry.substr(0, eq), entry.substr(eq + 1));
  }
  return env;
}

std::vector<std::pair<std::string, std::string>> config_keys(
    const std::vector<ModuleConfigKey>& module_keys) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& k : all_keys(module_keys))
    out.emplace_back(std::string(k.path), env_name(k.path));
  return out;
}

}  // namespace mosaik
