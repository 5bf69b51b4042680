#include "modules/waste/street_search.hpp"

// Implemented by its owner (see docs/waste.md).
