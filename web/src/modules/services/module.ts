// The services module's declaration (see ../web_module.ts): the city's services for citizens.
import { isListOrItemRead } from "../../shared/cache_rules";
import type { WebModule } from "../web_module";

export const services: WebModule = {
  name: "services",
  icon: "M12 2 2 7v2h20V7zM4 10h2v7H4zm5 0h2v7H9zm4 0h2v7h-2zm5 0h2v7h-2zM2 18h20v3H2z",
  citizen: {
    // /{city}/services; it may grow sub-pages (/services/…).
    accepts: () => true,
    load: () => import("./services_module").then((m) => m.citizenModule),
  },
  serviceWorker: { isPublicRead: isListOrItemRead },
};
