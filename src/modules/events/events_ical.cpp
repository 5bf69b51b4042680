#include "modules/events/events_ical.hpp"

#include <fmt/format.h>
#include <libical/ical.h>

#include <algorithm>

#include "shared/ical_text.hpp"
#include "shared/rich_text.hpp"

namespace mosaik::modules::events {

namespace {

icalproperty* with_tzid(icalproperty* p, const Event& e, const std::string& tzid) {
  if (!e.all_day) icalproperty_add_parameter(p, icalparameter_new_tzid(tzid.c_str()));
  return p;
}

icaltimetype utc_stamp(std::int64_t ms) {
  return icaltime_from_timet_with_zone(static_cast<time_t>(ms / 1000), 0,
                                       icaltimezone_get_utc_timezone());
}

}  // namespace

std::string event_uid(const Event& e, std::string_view city_slug) {
  return fmt::format("event-{}@{}.mosaik", e.id, city_slug);
}

std::string write_calendar(const std::vector<Event>& events, const CityRules& city,
                           const CalendarInfo& info) {
  LibicalLock lock;
  shared::IcalComponentPtr cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//Mosaik//Veranstaltungen//DE"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  icalproperty* name = icalproperty_new_x(info.name.c_str());
  icalproperty_set_x_name(name, "X-WR-CALNAME");
  icalcomponent_add_property(cal.get(), name);
  icalproperty* tzname = icalproperty_new_x(city.time_zone.c_str());
  icalproperty_set_x_name(tzname, "X-WR-TIMEZONE");
  icalcomponent_add_property(cal.get(), tzname);

  // The zone as libical builds it from tzdata, named by its IANA name (which calendar apps
  // recognise) instead of libical's prefixed TZID.
  bool any_timed =
      std::any_of(events.begin(), events.end(), [](const Event& e) { return !e.all_day; });
  if (any_timed) {
    icalcomponent* vtz =
        icalcomponent_new_clone(icaltimezone_get_component(mutable_zone(city.zone)));
    if (icalproperty* id = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY))
      icalproperty_set_tzid(id, city.time_zone.c_str());
    icalcomponent_add_component(cal.get(), vtz);
  }

  for (const auto& e : events) {
    icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(ev, icalproperty_new_uid(event_uid(e, city.slug).c_str()));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(utc_stamp(e.updated_at)));
    icalcomponent_add_property(ev, icalproperty_new_created(utc_stamp(e.created_at)));
    icalcomponent_add_property(ev, icalproperty_new_lastmodified(utc_stamp(e.updated_at)));
    icalcomponent_add_property(ev, icalproperty_new_summary(e.title.c_str()));
    auto text = shared::plain_text(e.description_html, 10'000);
    if (!text.empty()) icalcomponent_add_property(ev, icalproperty_new_description(text.c_str()));
    icalcomponent_add_property(
        ev, with_tzid(icalproperty_new_dtstart(to_ical(e.schedule.start)), e, e.time_zone));
    // DTEND is exclusive: the day after the last day of an all-day event.
    auto end = e.all_day ? add_days(e.schedule.end, 1) : e.schedule.end;
    end.is_date = e.all_day;
    icalcomponent_add_property(ev, with_tzid(icalproperty_new_dtend(to_ical(end)), e, e.time_zone));
    if (!e.schedule.rrule.empty()) {
      icalrecurrencetype rule = icalrecurrencetype_from_string(e.schedule.rrule.c_str());
      icalcomponent_add_property(ev, icalproperty_new_rrule(rule));
      for (const auto& x : e.schedule.exdates)
        icalcomponent_add_property(ev,
                                   with_tzid(icalproperty_new_exdate(to_ical(x)), e, e.time_zone));
    }
    if (e.venue) {
      auto where =
          e.venue->address.empty() ? e.venue->name : e.venue->name + ", " + e.venue->address;
      icalcomponent_add_property(ev, icalproperty_new_location(where.c_str()));
      if (e.venue->lat && e.venue->lon) {
        icalgeotype geo;
        geo.lat = *e.venue->lat;
        geo.lon = *e.venue->lon;
        icalcomponent_add_property(ev, icalproperty_new_geo(geo));
      }
    }
    if (const Category* c = city.category(e.category))
      icalcomponent_add_property(
          ev, icalproperty_new_categories((c->title_de.empty() ? c->slug : c->title_de).c_str()));
    icalcomponent_add_property(
        ev, icalproperty_new_status(e.cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
    icalcomponent_add_property(ev, icalproperty_new_class(ICAL_CLASS_PUBLIC));
    auto url = fmt::format("{}/{}/events/{}", info.base_url, city.slug, e.id);
    icalcomponent_add_property(ev, icalproperty_new_url(url.c_str()));
    icalcomponent_add_component(cal.get(), ev);
  }
  return shared::ical_string(cal.get());
}

namespace {

// The zone a TZID names: the file's own VTIMEZONE, else libical's built-in zone of that name.
icaltimezone* zone_for(icalcomponent* calendar, const char* tzid) {
  if (icaltimezone* own = icalcomponent_get_timezone(calendar, tzid)) return own;
  std::string name(tzid);
  if (name.starts_with("/")) {  // libical-style "/freeassociation.sourceforge.net/Europe/Berlin"
    auto second = name.find('/', 1);
    if (second != std::string::npos) name = name.substr(second + 1);
  }
  return icaltimezone_get_builtin_timezone(name.c_str());
}

struct TimeText {
  std::string text;
  bool is_date = false;
  std::int64_t utc_ms = 0;  // for timed values
  std::string error;
};

// A DTSTART/DTEND/EXDATE value as the API's input text: dates as dates, zoned and UTC times as
// RFC 3339 in the city's offset, floating times as they are (the city's wall clock).
TimeText time_text(icalproperty* p, icaltimetype t, icalcomponent* calendar,
                   const CityRules& city) {
  TimeText out;
  LocalTime local{t.year, t.month, t.day, t.hour, t.minute, t.second, t.is_date != 0};
  if (t.is_date) {
    local.hour = local.minute = local.second = 0;
    out.is_date = true;
    out.text = format_local(local);
    return out;
  }
  Zone zone = nullptr;
  if (icaltime_is_utc(t)) {
    zone = utc_zone();
  } else if (icalparameter* tz = icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER)) {
    const char* tzid = icalparameter_get_tzid(tz);
    zone = reinterpret_cast<Zone>(zone_for(calendar, tzid ? tzid : ""));
    if (!zone) {
      out.error = fmt::format("unknown time zone '{}'", tzid ? tzid : "");
      return out;
    }
  }
  if (!zone) {
    out.text = format_local(local);
    out.utc_ms = to_utc_ms(local, city.zone);
    return out;
  }
  out.utc_ms = to_utc_ms(local, zone);
  out.text = format_rfc3339(out.utc_ms, city.zone);
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string pick_category(icalcomponent* ev, const CityRules& city, std::string_view fallback) {
  for (icalproperty* p = icalcomponent_get_first_property(ev, ICAL_CATEGORIES_PROPERTY); p;
       p = icalcomponent_get_next_property(ev, ICAL_CATEGORIES_PROPERTY)) {
    const char* value = icalproperty_get_categories(p);
    if (!value) continue;
    std::string_view all(value);
    while (!all.empty()) {
      auto comma = all.find(',');
      auto one = lower(all.substr(0, comma));
      for (const auto& c : city.categories)
        if (one == c.slug || one == lower(c.title_de) || one == lower(c.title_en)) return c.slug;
      if (comma == std::string_view::npos) break;
      all.remove_prefix(comma + 1);
    }
  }
  if (!fallback.empty()) return std::string(fallback);
  return city.categories.empty() ? std::string() : city.categories.front().slug;
}

void read_vevent(icalcomponent* ev, icalcomponent* calendar, const shared::VeventLines& block,
                 const CityRules& city, std::string_view default_category, ParsedImport& out) {
  auto fail = [&](const char* property, std::string message) {
    out.errors.push_back({block.line_of(property), property, std::move(message)});
  };
  if (icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY)) return;  // see header
  auto broken = shared::property_problems(ev, block);
  for (auto& p : broken)
    out.errors.push_back({p.line, std::move(p.property), std::move(p.message)});
  if (!broken.empty()) return;

  ImportItem item;
  item.line = block.begin;
  const char* uid = icalcomponent_get_uid(ev);
  if (!uid || !*uid) return fail("UID", "every event needs a UID (it makes re-imports idempotent)");
  item.uid = uid;
  if (item.uid.size() > 255) return fail("UID", "must be at most 255 bytes long");
  auto set = [&](const char* key, json::value v, const char* property) {
    item.input[key] = std::move(v);
    item.source_names[key] = property;
    item.lines[key] = block.line_of(property);
  };
  const char* summary = icalcomponent_get_summary(ev);
  set("title", summary ? summary : "", "SUMMARY");
  if (const char* d = icalcomponent_get_description(ev)) set("description", d, "DESCRIPTION");

  icalproperty* dtstart = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
  if (!dtstart) return fail("DTSTART", "every event needs a DTSTART");
  auto start = time_text(dtstart, icalproperty_get_dtstart(dtstart), calendar, city);
  if (!start.error.empty()) return fail("DTSTART", start.error);
  set("all_day", start.is_date, "DTSTART");
  set("start", json::string(start.text), "DTSTART");

  icalproperty* dtend = icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY);
  icalproperty* duration = icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);
  if (dtend) {
    auto end = time_text(dtend, icalproperty_get_dtend(dtend), calendar, city);
    if (!end.error.empty()) return fail("DTEND", end.error);
    if (end.is_date != start.is_date)
      return fail("DTEND", "must be a date when DTSTART is a date, a date-time otherwise");
    if (end.is_date) {  // exclusive in iCalendar, inclusive in the API
      auto last = parse_time_text(end.text)->local;
      auto first = parse_time_text(start.text)->local;
      if (first < last) last = add_days(last, -1);
      end.text = format_local(last);
    }
    set("end", json::string(end.text), "DTEND");
  } else if (duration) {
    int secs = icaldurationtype_as_int(icalproperty_get_duration(duration));
    if (start.is_date) {
      auto first = parse_time_text(start.text)->local;
      set("end", json::string(format_local(add_days(first, std::max(1, secs / 86400) - 1))),
          "DURATION");
    } else {
      set("end", json::string(format_rfc3339(start.utc_ms + secs * 1000LL, city.zone)), "DURATION");
    }
  }

  if (icalproperty* rrule = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY)) {
    if (icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY))
      return fail("RRULE", "only one RRULE per event is supported");
    icalrecurrencetype rule = icalproperty_get_rrule(rrule);
    char* text = icalrecurrencetype_as_string_r(&rule);
    json::object recurrence{{"rrule", text ? text : ""}};
    icalmemory_free_buffer(text);
    json::array exdates;
    for (icalproperty* x = icalcomponent_get_first_property(ev, ICAL_EXDATE_PROPERTY); x;
         x = icalcomponent_get_next_property(ev, ICAL_EXDATE_PROPERTY)) {
      auto t = time_text(x, icalproperty_get_exdate(x), calendar, city);
      if (!t.error.empty()) return fail("EXDATE", t.error);
      exdates.emplace_back(t.text);
    }
    recurrence["exdates"] = std::move(exdates);
    set("recurrence", std::move(recurrence), "RRULE");
  }

  if (const char* where = icalcomponent_get_location(ev); where && *where) {
    std::string_view text(where);
    auto comma = text.find(',');
    json::object venue{{"name", std::string(text.substr(0, comma))}};
    if (comma != std::string_view::npos) {
      auto rest = text.substr(comma + 1);
      while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
      venue["address"] = std::string(rest);
    }
    if (icalproperty* geo = icalcomponent_get_first_property(ev, ICAL_GEO_PROPERTY)) {
      icalgeotype g = icalproperty_get_geo(geo);
      venue["lat"] = g.lat;
      venue["lon"] = g.lon;
    }
    set("venue", std::move(venue), "LOCATION");
  }
  if (icalproperty* org = icalcomponent_get_first_property(ev, ICAL_ORGANIZER_PROPERTY)) {
    if (icalparameter* cn = icalproperty_get_first_parameter(org, ICAL_CN_PARAMETER))
      if (const char* name = icalparameter_get_cn(cn)) set("organizer", name, "ORGANIZER");
  }
  if (icalproperty* url = icalcomponent_get_first_property(ev, ICAL_URL_PROPERTY)) {
    std::string link = icalproperty_get_url(url) ? icalproperty_get_url(url) : "";
    if (link.starts_with("https://") || link.starts_with("http://"))
      set("link", json::string(link), "URL");
  }
  set("category", json::string(pick_category(ev, city, default_category)), "CATEGORIES");
  if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED) set("cancelled", true, "STATUS");
  set("status", "published", "STATUS");
  out.items.push_back(std::move(item));
}

}  // namespace

ParsedImport parse_ics(std::string_view text, const CityRules& city,
                       std::string_view default_category) {
  ParsedImport out;
  LibicalLock lock;
  auto doc = shared::read_ical(text);
  for (auto& p : doc.problems)
    out.errors.push_back({p.line, std::move(p.property), std::move(p.message)});
  for (const auto& ev : doc.vevents)
    read_vevent(ev.component, doc.calendar.get(), ev.lines, city, default_category, out);
  return out;
}

}  // namespace mosaik::modules::events
