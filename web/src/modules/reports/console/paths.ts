import { consolePaths } from "../../../console/console_router";

/** /console/modules/reports (the inbox) and …/{id} (a case). */
export const casePath = (id?: number) =>
  id === undefined ? consolePaths.module("reports") : `${consolePaths.module("reports")}/${id}`;
