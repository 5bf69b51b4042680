// The waste calendar's plain helpers (src/modules/waste/waste_calendar.ts): month arithmetic on
// calendar dates, the month grid, the calendar subscription's URL; and the short day format of
// src/citizen/city_dates.ts the screens use; the drop-off points read from GeoJSON
// (src/modules/waste/waste_types.ts) and their openstreetmap.org link.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runnerImport } from "vite";

const load = async (path) => (await runnerImport(path, { configFile: false, logLevel: "silent" })).module;
const calendar = await load("/src/modules/waste/waste_calendar.ts");
const { cityDates } = await load("/src/citizen/city_dates.ts");
const { dropOffsOf, mapUrl } = await load("/src/modules/waste/waste_types.ts");

test("months: add, first and last day (leap years included)", () => {
  assert.equal(calendar.monthOf("2027-01-05"), "2027-01");
  assert.equal(calendar.addMonths("2027-01", -1), "2026-12");
  assert.equal(calendar.addMonths("2026-12", 1), "2027-01");
  assert.equal(calendar.addMonths("2027-01", 13), "2028-02");
  assert.deepEqual(calendar.monthRange("2028-02"), { from: "2028-02-01", to: "2028-02-29" });
  assert.deepEqual(calendar.monthRange("2027-02"), { from: "2027-02-01", to: "2027-02-28" });
  assert.deepEqual(calendar.monthRange("2026-12"), { from: "2026-12-01", to: "2026-12-31" });
});

test("days between calendar dates ignore daylight saving", () => {
  assert.equal(calendar.daysBetween("2027-03-27", "2027-03-29"), 2); // over the spring change
  assert.equal(calendar.daysBetween("2027-10-30", "2027-11-01"), 2); // over the autumn change
  assert.equal(calendar.daysBetween("2027-01-05", "2027-01-04"), -1);
  assert.equal(calendar.daysBetween("2026-12-31", "2027-01-01"), 1);
});

test("the month grid starts on Monday and pads with empty cells", () => {
  // February 2027 starts on a Monday and has exactly four weeks.
  const february = calendar.monthGrid("2027-02");
  assert.equal(february.length, 4);
  assert.equal(february[0][0], "2027-02-01");
  assert.equal(february[3][6], "2027-02-28");
  // January 2027 starts on a Friday: four empty cells, then 1–3 January; ends on Sunday the 31st.
  const january = calendar.monthGrid("2027-01");
  assert.deepEqual(january[0], [null, null, null, null, "2027-01-01", "2027-01-02", "2027-01-03"]);
  assert.equal(january.length, 5);
  assert.equal(january[4][6], "2027-01-31");
  for (const week of [...february, ...january]) assert.equal(week.length, 7);
  // March 2026 starts on a Sunday: six empty cells, six weeks.
  const march = calendar.monthGrid("2026-03");
  assert.equal(march[0][6], "2026-03-01");
  assert.equal(march.length, 6);
  assert.equal(march[5][1], "2026-03-31");
  assert.deepEqual(march[5].slice(2), [null, null, null, null, null]);
});

test("the subscription URL carries the chosen types and the alarm", () => {
  const webcal = "webcal://mosaik.example/api/v1/cities/dortmund/waste/areas/A12/calendar.ics";
  assert.equal(calendar.calendarUrl(webcal, { types: ["restmuell", "bio"], allTypes: true, alarm: false }), webcal);
  assert.equal(
    calendar.calendarUrl(webcal, { types: ["restmuell", "papier"], allTypes: false, alarm: true }),
    `${webcal}?types=restmuell,papier&alarm=true`,
  );
  assert.equal(calendar.calendarUrl(`${webcal}?alarm=true`, { types: [], allTypes: true, alarm: false }), webcal);
  const http = "http://127.0.0.1:8080/api/v1/cities/dortmund/waste/areas/A%201/calendar.ics";
  assert.equal(calendar.calendarUrl(http, { types: ["gelb"], allTypes: false, alarm: false }), `${http}?types=gelb`);
});

test("pickups by day, in the city's type order; pickup answers of either shape", () => {
  const pickups = [
    { date: "2027-01-08", planned: "2027-01-08", type: "gelb" },
    { date: "2027-01-05", planned: "2027-01-05", type: "papier" },
    { date: "2027-01-05", planned: "2027-01-05", type: "restmuell" },
  ];
  const days = calendar.pickupsByDay(pickups, ["restmuell", "papier", "gelb"]);
  assert.deepEqual([...days.keys()], ["2027-01-05", "2027-01-08"]);
  assert.deepEqual(
    days.get("2027-01-05").map((p) => p.type),
    ["restmuell", "papier"],
  );
  assert.deepEqual(calendar.pickupsOf({ items: pickups }), pickups);
  assert.deepEqual(calendar.pickupsOf(pickups), pickups);
  assert.deepEqual(calendar.pickupsOf({ detail: "x" }), []);
});

test("short days without the year, month names and weekdays, in the reader's language", () => {
  const de = cityDates("de-DE", "Europe/Berlin");
  assert.equal(de.shortDay("2027-01-05"), "Di., 5. Jan.");
  assert.equal(de.month("2027-01-05"), "Januar 2027");
  assert.deepEqual(
    de.weekdays().map((d) => d.short),
    ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
  );
  assert.equal(de.weekdays()[0].long, "Montag");
  const en = cityDates("en-GB", "Europe/Berlin");
  assert.equal(en.shortDay("2027-01-05"), "Tue 5 Jan");
  assert.equal(en.month("2027-01-05"), "January 2027");
  // Today is the city's calendar day, whatever the reader's zone.
  assert.match(de.today(), /^\d{4}-\d{2}-\d{2}$/);
  const berlin = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Berlin",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());
  assert.equal(de.today(), berlin);
});

test("drop-off points: properties and [lon, lat] of each Point; unreadable features left out", () => {
  const body = {
    type: "FeatureCollection",
    features: [
      {
        type: "Feature",
        geometry: { type: "Point", coordinates: [7.4468, 51.5376] },
        properties: {
          id: "wertstoffhof-nord",
          name: "Recyclinghof Nord",
          kind: "recycling_centre",
          address: "Lindenhorster Straße 38, 44147 Dortmund",
          opening_hours: "Mo-Fr 08:00-18:00",
          accepts: ["sperrmuell", "glas", 3],
        },
      },
      {
        type: "Feature",
        geometry: { type: "Point", coordinates: [7.45, 51.52] },
        properties: { name: "Glas", kind: "container" },
      },
      { type: "Feature", geometry: null, properties: { name: "ohne Ort" } },
    ],
  };
  assert.deepEqual(dropOffsOf(body), [
    {
      id: "wertstoffhof-nord",
      name: "Recyclinghof Nord",
      kind: "recycling_centre",
      address: "Lindenhorster Straße 38, 44147 Dortmund",
      opening_hours: "Mo-Fr 08:00-18:00",
      accepts: ["sperrmuell", "glas"],
      lat: 51.5376,
      lon: 7.4468,
    },
    { id: "", name: "Glas", kind: "container", address: "", opening_hours: "", accepts: [], lat: 51.52, lon: 7.45 },
  ]);
  assert.deepEqual(dropOffsOf({}), []);
  assert.deepEqual(dropOffsOf(null), []);
});

test("the map link marks the point on openstreetmap.org", () => {
  assert.equal(
    mapUrl({ lat: 51.5376, lon: 7.4468 }),
    "https://www.openstreetmap.org/?mlat=51.5376&mlon=7.4468#map=17/51.5376/7.4468",
  );
});
