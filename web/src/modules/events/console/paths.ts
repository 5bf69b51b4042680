import { consolePaths } from "../../../console/console_router";

/** /console/modules/events, …/new, …/import, …/{id}. */
export const eventsPath = (...rest: (string | number)[]) =>
  [consolePaths.module("events"), ...rest.map((r) => encodeURIComponent(String(r)))].join("/");
