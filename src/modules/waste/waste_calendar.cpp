#include "modules/waste/waste_calendar.hpp"

// Implemented by its owner (see docs/waste.md).
