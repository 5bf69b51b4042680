#include "modules/waste/waste_import.hpp"

// Implemented by its owner (see docs/waste.md).
