// The Mängelmelder's plain functions: how the offline queue takes a send's answer (exactly once:
// only 200/201 take a report off the queue), and how the module's settings are read.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runnerImport } from "vite";

const load = async (path) => (await runnerImport(path, { configFile: false, logLevel: "silent" })).module;
const { outcomeKind } = await load("/src/modules/reports/report_queue.ts");
const { readReportsSettings, groupedCategories, insideCity } = await load("/src/modules/reports/reports_types.ts");

test("only 200 and 201 count as sent; 408, 429, 5xx and no answer stay queued; other 4xx are refusals", () => {
  assert.equal(outcomeKind(201), "sent");
  assert.equal(outcomeKind(200), "sent");
  for (const status of [null, 408, 429, 500, 502, 503]) assert.equal(outcomeKind(status), "later", String(status));
  for (const status of [400, 404, 413, 422]) assert.equal(outcomeKind(status), "refused", String(status));
});

test("settings: categories under their groups, malformed parts left out, en defaulting to de", () => {
  const settings = readReportsSettings({
    moderation: "immediate",
    groups: [
      { id: "strasse", title: { de: "Straße", en: "Roads" } },
      { id: "leer", title: { de: "Leer" } },
    ],
    categories: [
      {
        code: "schlagloch",
        group: "strasse",
        title: { de: "Schlagloch" },
        location_required: true,
        attributes: [
          {
            code: "lage",
            type: "single",
            required: true,
            label: { de: "Wo?" },
            options: [{ key: "fahrbahn", label: { de: "Fahrbahn" } }],
          },
          { code: "kaputt", type: "unknown" },
        ],
      },
      { code: "sonst", group: "fehlt", title: { de: "Sonstiges", en: "Other" } },
      { title: "no code" },
    ],
  });
  assert.equal(settings.moderation, "immediate");
  assert.deepEqual(
    settings.categories.map((c) => c.code),
    ["schlagloch", "sonst"],
  );
  assert.equal(settings.categories[0].title.en, "Schlagloch");
  assert.deepEqual(
    settings.categories[0].attributes.map((a) => a.code),
    ["lage"],
  );
  assert.equal(settings.categories[0].attributes[0].required, true);
  const grouped = groupedCategories(settings);
  assert.deepEqual(
    grouped.map((g) => g.group?.id ?? null),
    ["strasse", null],
    "empty groups left out, strays last",
  );
  assert.equal(readReportsSettings(undefined).moderation, "review");
});

test("a pin must lie within the city's bounds", () => {
  const map = {
    center: { lat: 51.5, lon: 7.4 },
    zoom: 12,
    bounds: { south_west: { lat: 51.4, lon: 7.3 }, north_east: { lat: 51.6, lon: 7.6 } },
  };
  assert.equal(insideCity(map, 51.5136, 7.4653), true);
  assert.equal(insideCity(map, 52.52, 13.4), false);
  assert.equal(insideCity({ ...map, bounds: null }, 0, 0), true);
});
