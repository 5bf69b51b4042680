// The JSON of the Abfallkalender's API: areas with their subscription links, pickups, staff
// changes and shifts, and import problems.
#pragma once

#include <string>
#include <string_view>

#include "core/json.hpp"
#include "http/router.hpp"
#include "modules/waste/waste_calendar.hpp"
#include "modules/waste/waste_import.hpp"
#include "modules/waste/waste_model.hpp"
#include "platform/tenants/public_links.hpp"

namespace mosaik::modules::waste {

// The links of one answer: the origin is tenants::PublicLinks', never the request's Host.
struct Links {
  std::string origin;  // "https://app.stadt.example"
  std::string base;    // origin + "/api/v1/cities/{city}/waste"
  static Links of(const http::RequestContext& ctx, const tenants::PublicLinks& links);
  std::string area(std::string_view code) const;
  std::string ics(std::string_view code) const { return area(code) + "/calendar.ics"; }
  std::string webcal(std::string_view code) const;
};

json::object area_json(const Area& a);
// An area with ics_url, webcal_url and pickups_url.
json::object area_links(const Area& a, const Links& links);
json::object pickup_json(const Pickup& p);
json::object change_json(const Change& c);
json::object shift_json(const Shift& s);
json::object problem_json(const ImportProblem& p);

}  // namespace mosaik::modules::waste
