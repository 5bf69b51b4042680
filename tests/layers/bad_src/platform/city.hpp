// Fixture.
#pragma once
#include "core/config.hpp"
