#include "modules/waste/waste_json.hpp"

#include <fmt/format.h>

#include "platform/tenants/city.hpp"

namespace mosaik::modules::waste {

Links Links::of(const http::RequestContext& ctx, const tenants::PublicLinks& links) {
  auto origin = links.origin(ctx);
  return {origin, fmt::format("{}/api/v1/cities/{}/waste", origin, ctx.city->slug)};
}

std::string Links::area(std::string_view code) const {
  return fmt::format("{}/areas/{}", base, code);
}

std::string Links::webcal(std::string_view code) const {
  auto url = ics(code);
  auto colon = url.find("://");
  return "webcal" + url.substr(colon);
}

json::object area_json(const Area& a) {
  return {{"code", a.code}, {"name", a.name}, {"district", a.district}};
}

json::object area_links(const Area& a, const Links& links) {
  auto out = area_json(a);
  out["ics_url"] = links.ics(a.code);
  out["webcal_url"] = links.webcal(a.code);
  out["pickups_url"] = links.area(a.code) + "/pickups";
  return out;
}

json::object pickup_json(const Pickup& p) {
  return {{"date", format_day(p.date)},
          {"planned", format_day(p.planned)},
          {"type", p.type},
          {"note", p.note}};
}

json::object change_json(const Change& c) {
  return {{"id", c.id},
          {"area", c.area},
          {"type", c.type},
          {"date", format_day(c.date)},
          {"new_date", c.new_date ? json::value(format_day(*c.new_date)) : json::value(nullptr)},
          {"note", c.note}};
}

json::object shift_json(const Shift& s) {
  json::array types;
  for (const auto& t : s.types) types.emplace_back(t);
  return {{"id", s.id},     {"from", format_day(s.from)}, {"to", format_day(s.to)},
          {"days", s.days}, {"types", std::move(types)},  {"reason", s.reason}};
}

json::object problem_json(const ImportProblem& p) {
  return {{"line", p.line}, {"field", p.field}, {"message", p.message}};
}

}  // namespace mosaik::modules::waste
