#include "modules/waste/waste_ical.hpp"

#include <fmt/format.h>
#include <libical/ical.h>

#include "shared/calendar.hpp"
#include "shared/ical_text.hpp"

namespace mosaik::modules::waste {

namespace {

std::chrono::year_month_day ymd_of(Day d) {
  return std::chrono::year_month_day(d);
}

// Midnight UTC of a day, for DTSTAMP.
icaltimetype ical_utc_midnight(Day d) {
  icaltimetype t = shared::ical_date(d);
  t.is_date = 0;
  t.hour = t.minute = t.second = 0;
  t.zone = icaltimezone_get_utc_timezone();
  return t;
}

std::string german_date(Day d) {
  auto ymd = ymd_of(d);
  return fmt::format("{:02}.{:02}.{:04}", static_cast<unsigned>(ymd.day()),
                     static_cast<unsigned>(ymd.month()), static_cast<int>(ymd.year()));
}

void add_x(icalcomponent* c, const char* name, const std::string& value) {
  icalproperty* p = icalproperty_new_x(value.c_str());
  icalproperty_set_x_name(p, name);
  icalcomponent_add_property(c, p);
}

icaldurationtype one_day() {
  icaldurationtype d = icaldurationtype_null_duration();
  d.days = 1;
  return d;
}

}  // namespace

std::string pickup_uid(const Pickup& p, std::string_view area, std::string_view city_slug) {
  auto ymd = ymd_of(p.planned);
  return fmt::format("{:04}{:02}{:02}-{}-{}@{}.waste.mosaik", static_cast<int>(ymd.year()),
                     static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), p.type,
                     area, city_slug);
}

// The output depends on nothing but the arguments, so a refresh without changes is
// byte-identical (the HTTP layer's ETag stays, calendar apps see nothing new): DTSTAMP is
// midnight UTC of the planned date rather than the time of writing. Subscribers read the whole
// feed on every refresh, so a moved pickup is updated through its stable UID all the same.
std::string write_area_calendar(const std::vector<Pickup>& pickups,
                                const std::vector<WasteType>& types, const AreaCalendar& info) {
  shared::LibicalLock lock;
  shared::IcalComponentPtr cal(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
  icalcomponent_add_property(cal.get(), icalproperty_new_prodid("-//Mosaik//Abfallkalender//DE"));
  icalcomponent_add_property(cal.get(), icalproperty_new_version("2.0"));
  icalcomponent_add_property(cal.get(), icalproperty_new_calscale("GREGORIAN"));
  icalcomponent_add_property(cal.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
  if (!info.name.empty()) add_x(cal.get(), "X-WR-CALNAME", info.name);
  if (!info.time_zone.empty()) add_x(cal.get(), "X-WR-TIMEZONE", info.time_zone);
  // How often subscribers should refresh: RFC 7986, and the older name Outlook and Google read.
  icalcomponent_add_property(cal.get(), icalproperty_new_refreshinterval(one_day()));
  add_x(cal.get(), "X-PUBLISHED-TTL", "P1D");

  for (const auto& p : pickups) {
    if (p.cancelled) continue;
    const WasteType* type = nullptr;
    for (const auto& t : types)
      if (t.slug == p.type) type = &t;
    // REQUIRES says the type is known; a stale one still gets a readable event.
    const std::string& title = type && !type->title_de.empty() ? type->title_de : p.type;

    icalcomponent* ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_component(cal.get(), ev);  // owned by the calendar from here
    icalcomponent_add_property(
        ev, icalproperty_new_uid(pickup_uid(p, info.area, info.city_slug).c_str()));
    icalcomponent_add_property(ev, icalproperty_new_dtstamp(ical_utc_midnight(p.planned)));
    // All-day dates are floating (the same day everywhere): no VTIMEZONE needed. DTEND is
    // exclusive.
    icalcomponent_add_property(ev, icalproperty_new_dtstart(shared::ical_date(p.date)));
    icalcomponent_add_property(
        ev, icalproperty_new_dtend(shared::ical_date(p.date + std::chrono::days(1))));
    icalcomponent_add_property(ev, icalproperty_new_summary(title.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_categories(p.type.c_str()));
    std::string description = type ? type->accepts_de : std::string();
    if (p.date != p.planned) {
      auto moved = p.note.empty()
                       ? fmt::format("Verschoben vom {}.", german_date(p.planned))
                       : fmt::format("Verschoben vom {}: {}", german_date(p.planned), p.note);
      description = description.empty() ? moved : moved + "\n" + description;
    }
    if (!description.empty())
      icalcomponent_add_property(ev, icalproperty_new_description(description.c_str()));
    icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));

    if (info.alarm_minutes_before) {
      icalcomponent* alarm = icalcomponent_new(ICAL_VALARM_COMPONENT);
      icalcomponent_add_component(ev, alarm);
      icalcomponent_add_property(alarm, icalproperty_new_action(ICAL_ACTION_DISPLAY));
      auto text = fmt::format("{} am {}", title, german_date(p.date));
      icalcomponent_add_property(alarm, icalproperty_new_description(text.c_str()));
      icaltriggertype trigger;
      trigger.time = icaltime_null_time();
      trigger.duration = icaldurationtype_null_duration();
      int minutes = *info.alarm_minutes_before;
      trigger.duration.is_neg = minutes > 0 ? 1 : 0;
      trigger.duration.minutes = static_cast<unsigned>(minutes < 0 ? -minutes : minutes);
      icalcomponent_add_property(alarm, icalproperty_new_trigger(trigger));
    }
  }
  return shared::ical_string(cal.get());
}

}  // namespace mosaik::modules::waste
