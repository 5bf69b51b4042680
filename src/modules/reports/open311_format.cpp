#include "modules/reports/open311_format.hpp"

#include <fmt/format.h>

#include <charconv>
#include <pugixml.hpp>
#include <sstream>

#include "http/path_params.hpp"
#include "platform/identity/secrets.hpp"
#include "platform/tenants/city.hpp"

namespace mosaik::modules::reports::open311 {

namespace {

// The element name of an array's items in the standard's XML.
std::string_view item_name(std::string_view array_name) {
  if (array_name == "services") return "service";
  if (array_name == "service_requests") return "request";
  if (array_name == "attributes") return "attribute";
  if (array_name == "values") return "value";
  if (array_name == "errors") return "error";
  return "item";
}

void append_xml(pugi::xml_node parent, std::string_view name, const json::value& v) {
  auto node = parent.append_child(std::string(name).c_str());
  if (v.is_object()) {
    for (const auto& [key, child] : v.as_object()) append_xml(node, key, child);
  } else if (v.is_array()) {
    for (const auto& child : v.as_array()) append_xml(node, item_name(name), child);
  } else if (v.is_string()) {
    node.text().set(std::string(v.as_string()).c_str());
  } else if (v.is_bool()) {
    node.text().set(v.as_bool() ? "true" : "false");
  } else if (v.is_double()) {
    node.text().set(fmt::format("{}", v.as_double()).c_str());
  } else if (!v.is_null()) {
    node.text().set(json::serialize(v).c_str());
  }
}

std::string_view datatype(AttributeType t) {
  switch (t) {
    case AttributeType::number:
      return "number";
    case AttributeType::date:
      return "datetime";
    case AttributeType::single:
      return "singlevaluelist";
    case AttributeType::multi:
      return "multivaluelist";
    case AttributeType::text:
      break;
  }
  return "string";
}

}  // namespace

std::optional<std::pair<std::string, Format>> split_format(std::string_view segment) {
  auto dot = segment.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  auto ext = segment.substr(dot + 1);
  if (ext == "json") return std::pair{std::string(segment.substr(0, dot)), Format::json};
  if (ext == "xml") return std::pair{std::string(segment.substr(0, dot)), Format::xml};
  return std::nullopt;
}

http::Response answer(int status, Format format, std::string_view root, const json::value& body) {
  if (format == Format::json) return http::json_response(status, json::serialize(body));
  pugi::xml_document doc;
  auto decl = doc.append_child(pugi::node_declaration);
  decl.append_attribute("version") = "1.0";
  decl.append_attribute("encoding") = "utf-8";
  append_xml(doc, root, body);
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw);
  return http::text_response(status, "application/xml; charset=utf-8", out.str());
}

http::Response error(Format format, int status, std::string description) {
  json::array errors{json::object{{"code", status}, {"description", std::move(description)}}};
  return answer(status, format, "errors", errors);
}

http::Response error(Format format, const Error& e) {
  auto text = e.field().empty() ? e.detail() : fmt::format("{}: {}", e.field(), e.detail());
  int status = e.http_status() == 422 ? 400 : e.http_status();
  auto response = error(format, status, text);
  if (e.retry_after() > 0) response.set_header("Retry-After", std::to_string(e.retry_after()));
  return response;
}

json::object service_json(const Category& c, const ReportsSettings& settings) {
  const Group* g = settings.group(c.group);
  return {{"service_code", c.code},
          {"service_name", c.title.de},
          {"description", c.description.de},
          {"metadata", !c.attributes.empty()},
          {"type", "realtime"},
          {"keywords", c.title.en},
          {"group", g ? g->title.de : c.group}};
}

json::object definition_json(const Category& c) {
  json::array attributes;
  int order = 1;
  for (const auto& a : c.attributes) {
    json::array values;
    for (const auto& o : a.options)
      values.push_back(json::object{{"key", o.key}, {"name", o.label.de}});
    attributes.push_back(json::object{{"variable", true},
                                      {"code", a.code},
                                      {"datatype", datatype(a.type)},
                                      {"required", a.required},
                                      {"datatype_description", ""},
                                      {"order", order++},
                                      {"description", a.label.de},
                                      {"values", std::move(values)}});
  }
  return {{"service_code", c.code}, {"attributes", std::move(attributes)}};
}

json::object request_json(const Report& r, const tenants::City& city,
                          const ReportsSettings& settings, const std::string& origin) {
  const Category* c = settings.category(r.category);
  const Department* d = settings.department(r.department);
  std::string media;
  for (const auto& p : r.photos)
    if (!p.hidden) {
      media = fmt::format("{}/api/v1/cities/{}/reports/{}/photos/{}", origin, city.slug, r.id,
                          p.position);
      break;
    }
  return {{"service_request_id", std::to_string(r.id)},
          {"status", is_open(r.status) ? "open" : "closed"},
          {"status_notes", r.public_answer},
          {"service_name", c ? c->title.de : r.category},
          {"service_code", r.category},
          {"description", r.description},
          {"agency_responsible", d ? d->name : r.department},
          {"service_notice", ""},
          {"requested_datetime", format_time(r.created_at, city)},
          {"updated_datetime", format_time(r.updated_at, city)},
          {"expected_datetime", nullptr},
          {"address", r.address},
          {"address_id", ""},
          {"zipcode", ""},
          {"lat", r.position ? json::value(r.position->lat) : json::value(nullptr)},
          {"long", r.position ? json::value(r.position->lon) : json::value(nullptr)},
          {"media_url", media}};
}

std::optional<std::vector<std::int64_t>> id_list(std::string_view text) {
  std::vector<std::int64_t> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    auto id = http::parse_positive_id(text.substr(start, end - start));
    if (!id || out.size() >= kMaxRequests) return std::nullopt;
    out.push_back(*id);
    start = end + 1;
  }
  return out;
}

Result<std::optional<bool>> status_filter(const std::optional<std::string>& text) {
  if (!text || text->empty() || *text == "open,closed" || *text == "closed,open")
    return std::optional<bool>{};
  if (*text == "open") return std::optional<bool>{true};
  if (*text == "closed") return std::optional<bool>{false};
  return Error(Errc::bad_request, "status must be open, closed or open,closed");
}

Result<Submission> read_form(const std::vector<std::pair<std::string, std::string>>& form,
                             const ReportsSettings& settings) {
  Submission s;
  s.submission_id = identity::secret_digest(identity::random_secret()).substr(0, 32);
  std::optional<std::string> lat, lon, first, last;
  for (const auto& [key, value] : form) {
    if (value.size() > 2000) return validation_error(key, "is too long");
    if (key == "service_code")
      s.category = value;
    else if (key == "lat")
      lat = value;
    else if (key == "long")
      lon = value;
    else if (key == "address_string")
      s.address = value.substr(0, 200);
    else if (key == "description")
      s.description = value;
    else if (key == "email" && !value.empty()) {
      if (!plausible_email(value)) return validation_error("email", "must be an e-mail address");
      s.email = value;
    } else if (key == "first_name")
      first = value.substr(0, 100);
    else if (key == "last_name")
      last = value.substr(0, 100);
    else if (key.starts_with("attribute[")) {
      auto close = key.find(']');
      if (close == std::string::npos) return validation_error(key, "must be attribute[code]");
      auto code = key.substr(10, close - 10);
      bool many = key.substr(close) == "][]";
      const Category* c = settings.category(s.category);
      const Attribute* a = nullptr;
      if (c)
        for (const auto& x : c->attributes)
          if (x.code == code) a = &x;
      if (a && a->type == AttributeType::multi) {
        auto& list = s.attributes[code];
        if (!list.is_array()) list = json::array{};
        list.as_array().emplace_back(value);
      } else if (a && a->type == AttributeType::number) {
        double n = 0;
        auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
        if (ec != std::errc() || p != value.data() + value.size())
          return validation_error(key, "must be a number");
        s.attributes[code] = n;
      } else {
        if (many) return validation_error(key, "takes one value");
        s.attributes[code] = value;
      }
    }
  }
  if (s.category.empty()) return Error(Errc::bad_request, "service_code is required");
  const Category* c = settings.category(s.category);
  if (!c) return Error(Errc::not_found, fmt::format("service_code '{}' is not known", s.category));
  if (lat.has_value() != lon.has_value())
    return validation_error("long", "lat and long come together");
  if (lat) {
    Position p;
    auto [a, ea] = std::from_chars(lat->data(), lat->data() + lat->size(), p.lat);
    auto [b, eb] = std::from_chars(lon->data(), lon->data() + lon->size(), p.lon);
    if (ea != std::errc() || eb != std::errc() || a != lat->data() + lat->size() ||
        b != lon->data() + lon->size())
      return validation_error("lat", "lat and long must be numbers");
    s.position = p;
  }
  if (!s.position && s.address.empty())
    return validation_error("lat", "a location is required: lat and long, or address_string");
  if (s.description.find_first_not_of(" \t\r\n") == std::string::npos) s.description = c->title.de;
  if (first || last) {
    auto name = fmt::format("{} {}", first.value_or(""), last.value_or(""));
    auto begin = name.find_first_not_of(' ');
    if (begin != std::string::npos)
      s.name = name.substr(begin, name.find_last_not_of(' ') - begin + 1);
  }
  return s;
}

}  // namespace mosaik::modules::reports::open311
