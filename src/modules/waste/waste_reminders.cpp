#include "modules/waste/waste_reminders.hpp"

// Implemented by its owner (see docs/waste.md).
