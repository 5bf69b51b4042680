// The Mängelmelder's declaration (see ../web_module.ts and docs/reports.md): /{city}/reports,
// …/new, …/mine and …/{id} for citizens ("Mangel melden" on the start screen), the case inbox in
// the console, and what the service worker keeps of the public reports.
import type { WebModule } from "../web_module";
import { watchReportQueue } from "./device_reports";

export const reports: WebModule = {
  name: "reports",
  icon: "M12 2a7 7 0 0 1 7 7c0 5.2-7 13-7 13S5 14.2 5 9a7 7 0 0 1 7-7zm-1 3v5h2V5zm0 6v2h2v-2z",
  citizen: {
    // /{city}/reports, …/new, …/mine, …/{id} (the module tells them apart)
    accepts: (path) => path.length <= 1,
    load: () => import("./reports_module").then((m) => m.citizenModule),
    start: {},
    // Reports waiting on the device are sent at app start and whenever the connection returns.
    atAppStart: watchReportQueue,
  },
  console: () => import("./console/reports_console"),
  serviceWorker: {
    isPublicRead: isReportsRead,
    // A public report's photo or thumbnail (…/reports/{id}/photos/{n}[/thumbnail]): network
    // first, since staff may hide one, then the copy seen last.
    files: {
      cacheName: "mosaik-report-photos",
      matches: (path) =>
        (path.length === 3 || (path.length === 4 && path[3] === "thumbnail")) &&
        /^[0-9]+$/.test(path[0] ?? "") &&
        path[1] === "photos" &&
        /^[0-9]+$/.test(path[2] ?? ""),
      maxEntries: 100,
      maxAgeDays: 7,
    },
  },
};

/**
 * The public reads: the list of public reports, their map (map.geojson) and a report
 * (…/reports/{id}). Not "nearby" (asked for one pin, useless later), the staff inbox
 * (…/reports/cases…), or the photos (files, above). A request with the reporter's X-Report-Token
 * is personal and never cached (sw.ts checks the header).
 */
function isReportsRead(path: string[]): boolean {
  const [item, ...rest] = path;
  if (item === undefined) return true;
  if (rest.length > 0) return false;
  return item === "map.geojson" || /^[0-9]+$/.test(item);
}
