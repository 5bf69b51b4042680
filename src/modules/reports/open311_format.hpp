// The Open311 GeoReport v2 forms of the Mängelmelder, as plain functions without routes or a
// database: the answer in JSON or the standard's XML, services and their definitions, a report as
// a service request, and the filters and form fields a client sends (open311.cpp routes them).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"
#include "http/message.hpp"
#include "modules/reports/report.hpp"
#include "modules/reports/reports_settings.hpp"

namespace mosaik::tenants {
struct City;
}

namespace mosaik::modules::reports::open311 {

// At most this many requests in one GET requests (and ids in one service_request_id list).
inline constexpr std::size_t kMaxRequests = 1000;

enum class Format { json, xml };

// "services.json" -> ("services", json); nullopt without a known extension.
std::optional<std::pair<std::string, Format>> split_format(std::string_view segment);

// The answer in the asked format: `root` names the XML document element (an array's items are
// named after it, as the standard's examples do: services/service, service_requests/request).
http::Response answer(int status, Format format, std::string_view root, const json::value& body);

// The standard's error list ([{"code","description"}]) with `status`.
http::Response error(Format format, int status, std::string description);
// An Error in the standard's form: validation_failed answers 400 (the standard has no 422), with
// the field named in the description and Retry-After kept.
http::Response error(Format format, const Error& e);

// A category as a service, and as a service definition (its questions as attributes: string,
// number, datetime, singlevaluelist, multivaluelist).
json::object service_json(const Category& c, const ReportsSettings& settings);
json::object definition_json(const Category& c);

// A public report as a service request; media_url is the first photo not hidden, under `origin`.
// Holds nothing of the reporter.
json::object request_json(const Report& r, const tenants::City& city,
                          const ReportsSettings& settings, const std::string& origin);

// "1,2,3" -> ids; nullopt for anything but positive ids, or more than kMaxRequests.
std::optional<std::vector<std::int64_t>> id_list(std::string_view text);

// status=open|closed|open,closed -> open (true), closed (false) or either (nullopt).
// Errors: bad_request.
Result<std::optional<bool>> status_filter(const std::optional<std::string>& text);

// A POST requests form (service_code, lat/long or address_string, description, email,
// first_name/last_name, attribute[code] and attribute[code][]) as a Submission with a fresh
// submission_id. Errors: bad_request (no service_code), not_found (unknown service_code),
// validation_failed naming the field.
Result<Submission> read_form(const std::vector<std::pair<std::string, std::string>>& form,
                             const ReportsSettings& settings);

}  // namespace mosaik::modules::reports::open311
