#include "modules/waste/waste_reminders.hpp"

#include <algorithm>
#include <tuple>

namespace mosaik::modules::waste {

std::vector<Reminder> reminder_schedule(const std::vector<Pickup>& pickups, shared::Zone zone,
                                        int minute_of_day, std::int64_t from_ms) {
  // A minute outside the day (negative, or 24:00 and later) counts from midnight of the day
  // before all the same: whole days move the date, the rest is the time.
  int day_offset = -1;
  int minute = minute_of_day % (24 * 60);
  if (minute < 0) minute += 24 * 60;
  day_offset += (minute_of_day - minute) / (24 * 60);

  std::vector<Reminder> out;
  out.reserve(pickups.size());
  for (const Pickup& p : pickups) {
    if (p.cancelled) continue;
    const std::chrono::year_month_day day(p.date + std::chrono::days(day_offset));
    const shared::LocalTime local{static_cast<int>(day.year()),
                                  static_cast<int>(static_cast<unsigned>(day.month())),
                                  static_cast<int>(static_cast<unsigned>(day.day())),
                                  minute / 60,
                                  minute % 60,
                                  0,
                                  false};
    const std::int64_t at = shared::to_utc_ms(local, zone);
    if (at < from_ms) continue;
    out.push_back({at, p.date, p.type});
  }
  std::sort(out.begin(), out.end(), [](const Reminder& a, const Reminder& b) {
    return std::tie(a.at_ms, a.pickup, a.type) < std::tie(b.at_ms, b.pickup, b.type);
  });
  return out;
}

}  // namespace mosaik::modules::waste
