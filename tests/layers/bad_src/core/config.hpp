// Fixture: a core header that reaches up into the platform layer.
#pragma once
#include "platform/city.hpp"
