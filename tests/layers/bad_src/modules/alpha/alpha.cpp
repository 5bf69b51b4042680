// Fixture: a module that includes another module.
#include "modules/beta/beta.hpp"
#include "platform/city.hpp"
