// What the service worker caches at run time (src/sw_routes.ts): public reads yes, staff never.
import { test } from "node:test";
import assert from "node:assert/strict";
import { runnerImport } from "vite";

const { module } = await runnerImport("/src/sw_routes.ts", { configFile: false, logLevel: "silent" });
const { isPublicApiRead, isMedia, fileCacheOf } = module;
const isReportPhoto = (path) => fileCacheOf(path)?.cacheName === "mosaik-report-photos";

test("public reads of the citizen app are cached", () => {
  for (const path of [
    "/api/v1/cities",
    "/api/v1/cities/dortmund",
    "/api/v1/cities/dortmund/news",
    "/api/v1/cities/dortmund/news/42",
    "/api/v1/cities/dortmund/events",
    "/api/v1/cities/dortmund/events/7",
    "/api/v1/cities/dortmund/services",
    "/api/v1/cities/dortmund/services/personalausweis-beantragen",
    "/api/v1/cities/dortmund/waste/areas/A12",
    "/api/v1/cities/dortmund/waste/areas/A12/pickups",
    "/api/v1/cities/dortmund/waste/dropoffs",
    "/api/v1/cities/dortmund/reports",
    "/api/v1/cities/dortmund/reports/map.geojson",
    "/api/v1/cities/dortmund/reports/17",
  ])
    assert.equal(isPublicApiRead(path), true, path);
});

test("staff routes, feeds and files are never cached", () => {
  for (const path of [
    "/api/v1/session",
    "/api/v1/cities/dortmund/settings",
    "/api/v1/cities/dortmund/staff",
    "/api/v1/cities/dortmund/tokens",
    "/api/v1/cities/dortmund/audit",
    "/api/v1/cities/dortmund/news/editorial",
    "/api/v1/cities/dortmund/news/editorial/42",
    "/api/v1/cities/dortmund/news/imports",
    "/api/v1/cities/dortmund/events/imports",
    "/api/v1/cities/dortmund/news/feed.rss",
    "/api/v1/cities/dortmund/events/feed.ics",
    "/api/v1/cities/dortmund/events/7/event.ics",
    "/api/v1/cities/dortmund/manifest.webmanifest",
    "/api/v1/cities/dortmund/media/ab12.jpg",
    "/open311/v2/services.json",
    "/api/v1/cities/dortmund/waste/streets",
    "/api/v1/cities/dortmund/waste/address",
    "/api/v1/cities/dortmund/waste/areas",
    "/api/v1/cities/dortmund/waste/areas/A12/calendar.ics",
    "/api/v1/cities/dortmund/waste/admin/areas",
    "/api/v1/cities/dortmund/waste/admin/areas/A12/dates",
    "/api/v1/cities/dortmund/waste/admin/imports/streets",
    "/api/v1/cities/dortmund/reports/nearby",
    "/api/v1/cities/dortmund/reports/cases",
    "/api/v1/cities/dortmund/reports/cases/17",
    "/api/v1/cities/dortmund/reports/17/photos/1",
    "/api/v1/cities/dortmund/reports/17/supports",
    "/api/v1/cities/dortmund/reports/17/personal-data",
  ])
    assert.equal(isPublicApiRead(path), false, path);
});

test("media images are recognised", () => {
  assert.equal(isMedia("/api/v1/cities/dortmund/media/0a1b2c.jpg"), true);
  assert.equal(isMedia("/api/v1/cities/dortmund/media"), false);
  assert.equal(isMedia("/api/v1/cities/dortmund/news/1"), false);
});

test("photos of public reports are recognised, the staff's are not", () => {
  assert.equal(isReportPhoto("/api/v1/cities/dortmund/reports/17/photos/1"), true);
  assert.equal(isReportPhoto("/api/v1/cities/dortmund/reports/17/photos/3/thumbnail"), true);
  assert.equal(isReportPhoto("/api/v1/cities/dortmund/reports/cases/17/photos/1"), false);
  assert.equal(isReportPhoto("/api/v1/cities/dortmund/reports/17"), false);
});
