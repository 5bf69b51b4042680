// The web's module list: the one place outside a module's folder that names it. The citizen app
// (routes, start screen, tiles), the staff console, the service worker and the build read it.
// A new module is one line here and its folder src/modules/<name>/ with a module.ts (see
// ./web_module.ts and ./README.md). The order is the order of the modules' parts on the start
// screen; the tiles keep the order of the city's manifest.
import { events } from "./events/module";
import { news } from "./news/module";
import { reports } from "./reports/module";
import { services } from "./services/module";
import { waste } from "./waste/module";
import type { WebModule } from "./web_module";

export const webModules: readonly WebModule[] = [waste, reports, news, events, services];

/** The module called `name`, if the web app has one. */
export function webModule(name: string): WebModule | undefined {
  return webModules.find((m) => m.name === name);
}
