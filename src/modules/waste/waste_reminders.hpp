// Reminders the evening before a pickup, for citizens who opt in. The schedule is computed here;
// delivery goes through ReminderDelivery, which the push module implements when it exists (until
// then nothing delivers: see docs/waste.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "modules/waste/waste_model.hpp"
#include "shared/calendar.hpp"

namespace mosaik::modules::waste {

struct Reminder {
  std::int64_t at_ms = 0;  // when to send (Unix ms)
  Day pickup;              // the pickup's date
  std::string type;        // waste type slug
};

// One reminder per pickup (cancelled ones skipped), at `minute_of_day` (e.g. 18 * 60) local time
// in `zone` on the day before the pickup, sorted by time; those before `from_ms` are left out.
// Local time, so 18:00 stays 18:00 across daylight-saving changes.
std::vector<Reminder> reminder_schedule(const std::vector<Pickup>& pickups, shared::Zone zone,
                                        int minute_of_day, std::int64_t from_ms);

// Where reminders go. The push module implements it; a subscription names the citizen's push
// endpoint (opaque here).
class ReminderDelivery {
 public:
  virtual ~ReminderDelivery() = default;
  virtual void deliver(const std::string& subscription, const Reminder& reminder) = 0;
};

}  // namespace mosaik::modules::waste
