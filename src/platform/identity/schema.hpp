// The identity tables: staff accounts and roles, sessions, API tokens, login throttling and the
// audit log. Applied with the other migrations (module "identity").
#pragma once

#include <vector>

#include "storage/migrations.hpp"

namespace mosaik::identity {

std::vector<storage::Migration> identity_migrations();

}  // namespace mosaik::identity
