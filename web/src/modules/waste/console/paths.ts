import { consolePaths } from "../../../console/console_router";

/** /console/modules/waste, …/areas/{code}, …/streets, …/shifts, …/import. */
export const wastePath = (...rest: (string | number)[]) =>
  [consolePaths.module("waste"), ...rest.map((r) => encodeURIComponent(String(r)))].join("/");
