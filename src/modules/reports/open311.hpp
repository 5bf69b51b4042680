// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) over the reports module, under
// the standard's own root /open311/v2/, with jurisdiction_id = a city's slug; every endpoint as
// .json and .xml, errors in the standard's form. Only cities with the module switched on are
// jurisdictions. See docs/reports.md, "Open311 GeoReport v2".
#pragma once

#include "http/router.hpp"
#include "platform/module.hpp"

namespace mosaik::modules::reports {

class ReportsRuntime;

void add_open311_routes(http::Router& router, ModuleContext& context, ReportsRuntime& module);

}  // namespace mosaik::modules::reports
