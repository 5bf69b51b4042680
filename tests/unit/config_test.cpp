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
