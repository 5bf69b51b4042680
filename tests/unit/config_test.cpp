#include "core/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace mosaik {
namespace {

std::string write_toml(const std::string& text) {
  static int n = 0;
  auto path =
      std::filesystem::temp_directory_path() /
      ("mosaik_config_test_" + std::to_string(::getpid()) + "_" + std::to_string(n++) + ".toml");
  std::ofstream(path) << text;
  return path.string();
}

TEST(ConfigTest, DefaultsAreValid) {
  auto c = load_config({});
  ASSERT_TRUE(c.ok()) << c.error().detail();
  EXPECT_EQ(c->server.host, "127.0.0.1");
  EXPECT_EQ(c->server.port, 8080);
  EXPECT_EQ(c->database.url, "sqlite:var/mosaik.db");
}

TEST(ConfigTest, FileThenEnvironmentThenFlags) {
  ConfigSources s;
  s.file = write_toml(
      "[server]\nlisten = \"0.0.0.0:9000\"\nthreads = 3\n[database]\npool_size = 4\n"
      "[http]\ncors_origins = [\"https://a.example\"]\n");
  s.environment = {{"MOSAIK_SERVER_THREADS", "5"}};
  s.overrides = {{"database.pool_size", "6"}};
  auto c = load_config(s);
  ASSERT_TRUE(c.ok()) << c.error().detail();
  EXPECT_EQ(c->server.host, "0.0.0.0");
  EXPECT_EQ(c->server.port, 9000);
  EXPECT_EQ(c->server.threads, 5u);
  EXPECT_EQ(c->database.pool_size, 6u);
  EXPECT_EQ(c->http.cors_origins, std::vector<std::string>{"https://a.example"});
}

TEST(ConfigTest, EveryProblemIsReportedAtOnce) {
  ConfigSources s;
  s.file = write_toml(
      "[server]\nlisten = \"nohost\"\nthreads = -1\ncolour = \"red\"\n[databse]\nurl = \"x\"\n");
  s.environment = {{"MOSAIK_NOT_A_KEY", "1"}, {"MOSAIK_HTTP_GZIP", "maybe"}};
  s.overrides = {{"log.level", "loud"}};
  auto c = load_config(s);
  ASSERT_FALSE(c.ok());
  const auto& d = c.error().detail();
  for (auto expected : {"unknown key 'server.colour'", "unknown key 'databse.url'",
                        "'server.threads' must be between", "MOSAIK_NOT_A_KEY",
                        "'http.gzip' expected true or false", "'log.level' must be one of",
                        "'server.listen' must be HOST:PORT"})
    EXPECT_NE(d.find(expected), std::string::npos) << "missing: " << expected << "\nin:\n" << d;
}

TEST(ConfigTest, WrongTypesAndSyntaxErrors) {
  ConfigSources s;
  s.file = write_toml("[server]\nthreads = \"four\"\n");
  auto c = load_config(s);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().detail().find("'server.threads' expected a whole number"), std::string::npos);
  s.file = write_toml("[server\nlisten=");
  c = load_config(s);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().detail().find(".toml:1:"), std::string::npos) << c.error().detail();
}

TEST(ConfigTest, DatabaseUrlAndOriginsAreChecked) {
  ConfigSources s;
  s.overrides = {{"database.url", "mysql://x"}, {"http.cors_origins", "*, ftp://x"}};
  auto c = load_config(s);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().detail().find("'database.url' must be"), std::string::npos);
  EXPECT_NE(c.error().detail().find("ftp://x"), std::string::npos);
}

TEST(ConfigTest, Ipv6ListenAndPortZero) {
  ConfigSources s;
  s.overrides = {{"server.listen", "[::1]:0"}};
  auto c = load_config(s);
  ASSERT_TRUE(c.ok()) << c.error().detail();
  EXPECT_EQ(c->server.host, "::1");
  EXPECT_EQ(c->server.port, 0);
}

TEST(ConfigTest, MailFromFileAndEnvironment) {
  auto defaults = load_config({});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->mail.smtp_url, "");
  EXPECT_EQ(defaults->mail.from, "Mosaik <no-reply@localhost>");
  EXPECT_EQ(defaults->mail.interval, std::chrono::milliseconds(10'000));
  EXPECT_EQ(defaults->mail.max_attempts, 8u);
  EXPECT_FALSE(defaults->mail.starttls);

  ConfigSources s;
  s.file = write_toml(
      "[mail]\nsmtp_url = \"smtp://relay.stadt.example:587\"\n"
      "from = \"Stadt Dortmund – Mängelmelder <maengel@dortmund.example>\"\n"
      "username = \"mosaik\"\ninterval_ms = 500\nmax_attempts = 3\nstarttls = true\n");
  s.environment = {{"MOSAIK_MAIL_PASSWORD", "s3cret"}, {"MOSAIK_MAIL_MAX_ATTEMPTS", "12"}};
  auto c = load_config(s);
  ASSERT_TRUE(c.ok()) << c.error().detail();
  EXPECT_EQ(c->mail.smtp_url, "smtp://relay.stadt.example:587");
  EXPECT_EQ(c->mail.from, "Stadt Dortmund – Mängelmelder <maengel@dortmund.example>");
  EXPECT_EQ(c->mail.username, "mosaik");
  EXPECT_EQ(c->mail.password, "s3cret");
  EXPECT_EQ(c->mail.interval, std::chrono::milliseconds(500));
  EXPECT_EQ(c->mail.max_attempts, 12u);
  EXPECT_TRUE(c->mail.starttls);

  ConfigSources tls;
  tls.environment = {{"MOSAIK_MAIL_SMTP_URL", "smtps://relay.stadt.example"}};
  c = load_config(tls);
  ASSERT_TRUE(c.ok()) << c.error().detail();
  EXPECT_EQ(c->mail.smtp_url, "smtps://relay.stadt.example");
}

TEST(ConfigTest, MailValuesAreChecked) {
  ConfigSources s;
  s.overrides = {{"mail.smtp_url", "http://relay.example"},
                 {"mail.from", "Mosaik <not an address>"},
                 {"mail.max_attempts", "0"},
                 {"mail.interval_ms", "99"}};
  auto c = load_config(s);
  ASSERT_FALSE(c.ok());
  const auto& d = c.error().detail();
  for (auto expected :
       {"'mail.smtp_url' must start with smtp:// or smtps://", "'mail.from' must be",
        "'mail.max_attempts' must be between 1 and 50", "'mail.interval_ms' must be between 100"})
    EXPECT_NE(d.find(expected), std::string::npos) << "missing: " << expected << "\nin:\n" << d;

  // Credentials belong in mail.username/mail.password, and the URL is never echoed.
  s.overrides = {{"mail.smtp_url", "smtp://user:hunter2@relay.example"},
                 {"mail.max_attempts", "51"}};
  c = load_config(s);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().detail().find("must not hold credentials"), std::string::npos);
  EXPECT_NE(c.error().detail().find("'mail.max_attempts' must be between"), std::string::npos);
  EXPECT_EQ(c.error().detail().find("hunter2"), std::string::npos);

  s.overrides = {{"mail.from", "a@b.example\r\nBcc: x@y.example"}};
  EXPECT_FALSE(load_config(s).ok());
  s.overrides = {{"mail.password", "s3cret"}};
  c = load_config(s);
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().detail().find("without 'mail.username'"), std::string::npos);
  EXPECT_EQ(c.error().detail().find("s3cret"), std::string::npos);
}

TEST(ConfigTest, EveryKeyHasAnEnvironmentName) {
  auto keys = config_keys();
  EXPECT_GE(keys.size(), 15u);
  for (const auto& [key, env] : keys) {
    EXPECT_TRUE(env.starts_with("MOSAIK_")) << key;
    EXPECT_EQ(env.find('.'), std::string::npos);
  }
}

}  // namespace
}  // namespace mosaik

namespace mosaik {
namespace {

// A module's own section (ModuleConfigKey): its defaults, the same three sources as every key,
// its range, and an unknown key of the section still refused.
TEST(ConfigTest, AModulesOwnSectionIsReadLikeEveryKey) {
  std::vector<ModuleConfigKey> keys{
      {"notices.poll_interval_ms", ModuleConfigKey::Kind::whole_number, 100, 60'000, "5000"},
      {"notices.enabled_by_default", ModuleConfigKey::Kind::boolean, 0, 0, "false"},
      {"notices.source", ModuleConfigKey::Kind::text, 0, 0, "https://amtsblatt.example"}};
  ConfigSources s;
  s.module_keys = keys;
  auto defaults = load_config(s);
  ASSERT_TRUE(defaults.ok()) << defaults.error().detail();
  EXPECT_EQ(defaults->duration("notices.poll_interval_ms"), std::chrono::milliseconds(5000));
  EXPECT_FALSE(defaults->flag("notices.enabled_by_default"));
  EXPECT_EQ(defaults->text("notices.source"), "https://amtsblatt.example");

  s.file = write_toml("[notices]\npoll_interval_ms = 200\nsource = \"https://a.example\"\n");
  s.environment = {{"MOSAIK_NOTICES_ENABLED_BY_DEFAULT", "true"}};
  s.overrides = {{"notices.poll_interval_ms", "300"}};
  auto c = load_config(s);
  ASSERT_TRUE(c.ok()) << c.error().detail();
  EXPECT_EQ(c->number("notices.poll_interval_ms"), 300);
  EXPECT_TRUE(c->flag("notices.enabled_by_default"));
  EXPECT_EQ(c->text("notices.source"), "https://a.example");

  ConfigSources bad;
  bad.module_keys = keys;
  bad.file = write_toml("[notices]\npoll_interval_ms = 50\ncolour = \"red\"\n");
  auto refused = load_config(bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().detail().find("'notices.poll_interval_ms' must be between 100 and"),
            std::string::npos)
      << refused.error().detail();
  EXPECT_NE(refused.error().detail().find("unknown key 'notices.colour'"), std::string::npos);
  // Without the module, its keys are unknown: the core names no module's section.
  ConfigSources without;
  without.overrides = {{"notices.poll_interval_ms", "300"}};
  EXPECT_FALSE(load_config(without).ok());
  auto listed = config_keys(keys);
  EXPECT_NE(std::find(listed.begin(), listed.end(),
                      std::pair<std::string, std::string>{"notices.poll_interval_ms",
                                                          "MOSAIK_NOTICES_POLL_INTERVAL_MS"}),
            listed.end());
}

}  // namespace
}  // namespace mosaik
