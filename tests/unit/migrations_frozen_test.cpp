// Applied migrations are never edited (migration_status stops start-up on a changed checksum):
// the SQL of every migration released so far, on both backends, is pinned here by its checksum.
// A new migration adds a line; an existing line never changes.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <map>

#include "app/module_list.hpp"
#include "core/hash.hpp"

namespace mosaik {
namespace {

// module/version -> checksum of the SQLite SQL, checksum of the PostgreSQL SQL.
const std::map<std::string, std::pair<std::string, std::string>> kReleased = {
    {"tenants/1", {"cb4458c8694e79cc", "e6e32e8e80bd6508"}},
    {"identity/1", {"91b0b16bcbe99d71", "7fd2f0feaa810146"}},
    {"media/1", {"10eb86086af06e2a", "844a96d7573c86f0"}},
    {"services/1", {"dfd3d7997da3b4f4", "cf0345dd574a8084"}},
    {"news/1", {"7077929a46690fbb", "b8e49a4e655f5fab"}},
    {"events/1", {"0606c76a71271618", "6de38d94222f849c"}},
    {"events/2", {"06ccf3c80fed5d88", "06ccf3c80fed5d88"}},
    {"waste/1", {"7eafab6591f19b87", "6f4f43e41a426b2b"}},
    {"reports/1", {"1104d33ac0d6bcf6", "a8420fe2a5635408"}},
};

TEST(Migrations, ReleasedOnesAreNeverEdited) {
  auto catalog = app::make_module_catalog();
  std::string listing;
  for (const auto& m : app::all_migrations(catalog)) {
    auto key = fmt::format("{}/{}", m.module, m.version);
    auto sqlite = fnv1a_64_hex(m.sqlite);
    auto postgres = fnv1a_64_hex(m.postgres.empty() ? m.sqlite : m.postgres);
    listing += fmt::format("    {{\"{}\", {{\"{}\", \"{}\"}}}},\n", key, sqlite, postgres);
    auto it = kReleased.find(key);
    if (it == kReleased.end()) continue;  // new in this change: pin it when it is released
    EXPECT_EQ(sqlite, it->second.first) << key << " (SQLite) was edited";
    EXPECT_EQ(postgres, it->second.second) << key << " (PostgreSQL) was edited";
  }
  EXPECT_GE(kReleased.size(), 9u) << "pin the released migrations:\n" << listing;
}

}  // namespace
}  // namespace mosaik
