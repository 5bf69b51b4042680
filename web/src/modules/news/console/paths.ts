import { consolePaths } from "../../../console/console_router";

/** /console/modules/news, …/new, …/{id}. */
export const newsPath = (...rest: (string | number)[]) =>
  [consolePaths.module("news"), ...rest.map((r) => encodeURIComponent(String(r)))].join("/");
