// The events module's declaration (see ../web_module.ts): list and detail for citizens, the next
// events on the start screen, the editorial console with imports.
import { isListOrItemRead } from "../../shared/cache_rules";
import type { WebModule } from "../web_module";

export const events: WebModule = {
  name: "events",
  icon: "M7 2h2v2h6V2h2v2h3v16H4V4h3zm11 7H6v9h12zm-9 2h2v2H9zm4 0h2v2h-2zm-4 3h2v2H9zm4 0h2v2h-2zM6 6v1h12V6z",
  citizen: {
    // /{city}/events and /{city}/events/{id}
    accepts: (path) => path.length <= 1,
    load: () => import("./events_module").then((m) => m.citizenModule),
    start: {},
  },
  console: () => import("./console/events_console"),
  serviceWorker: { isPublicRead: isListOrItemRead },
};
