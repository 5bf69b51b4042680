// The demo cities' events (src/modules/events/demo/*.json): a month of events from the day of
// loading on, with dates relative to that day, stored like an import (source "demo", by uid).
#pragma once

#include "modules/events/event.hpp"
#include "storage/store.hpp"

namespace mosaik::tenants {
struct City;
}

namespace mosaik::modules::events {

// Turns the demo document into event inputs with dates from `today` on. Each entry is an
// EventInput without start/end plus "uid", "day_offset", optional "weekday" (MO…SU: the first
// such day from today + day_offset on), and "start_time"/"end_time" ("19:30") or "all_day": true
// with "days"; "exdate_offsets" (["14"]) leaves out the occurrences that many days after the
// first. Errors: validation_failed naming the entry ("events[3].category").
Result<std::vector<json::object>> demo_event_inputs(const json::object& doc, LocalTime today);

// Loads them into `city` (which enables the module); returns how many events were created.
// Idempotent: a uid already stored is left alone.
Result<std::size_t> load_demo_events(storage::Store& store, const tenants::City& city,
                                     const json::object& doc);

}  // namespace mosaik::modules::events
