// The waste calendar's declaration (see ../web_module.ts and docs/waste.md): one citizen screen,
// the next pickups on the start screen once an address is saved, the console's admin screens.
import type { WebModule } from "../web_module";
import { readSavedAddress } from "./saved_address";

export const waste: WebModule = {
  name: "waste",
  icon: "M9 2h6v2h5v2H4V4h5zM5 8h14l-1.2 14H6.2z",
  citizen: {
    // /{city}/waste only
    accepts: (path) => path.length === 0,
    load: () => import("./waste_module").then((m) => m.citizenModule),
    start: { shows: (city) => readSavedAddress(city) !== null },
  },
  console: () => import("./console/waste_console"),
  serviceWorker: { isPublicRead: isWasteRead },
};

/**
 * The reads that the screens of a saved address need offline: an area (…/waste/areas/{code})
 * and its pickups (…/areas/{code}/pickups, one entry per month asked), and the drop-off points.
 * Not the street search and address lookups (typed, one per keystroke, useless offline), the
 * calendar files or the staff routes (…/waste/admin/…).
 */
function isWasteRead(path: string[]): boolean {
  const [item, code, what, ...more] = path;
  if (item === "dropoffs") return code === undefined;
  if (item !== "areas") return false;
  if (code === undefined || code.includes(".") || more.length > 0) return false;
  return what === undefined || what === "pickups";
}
