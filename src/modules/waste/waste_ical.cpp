#include "modules/waste/waste_ical.hpp"

// Implemented by its owner (see docs/waste.md).
