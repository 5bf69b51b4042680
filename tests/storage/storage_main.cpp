#include <gtest/gtest.h>

#include "support/test_database.hpp"

int main(int argc, char** argv) {
  mosaik::testing::parse_backend_flag(argc, argv);
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
