// The news module's declaration (see ../web_module.ts): list and detail for citizens, the latest
// news on the start screen, the editorial console.
import { isListOrItemRead } from "../../shared/cache_rules";
import type { WebModule } from "../web_module";

export const news: WebModule = {
  name: "news",
  icon: "M4 4h13v3h3v11a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2zm2 2v12h11V6zm13 3h-1v9a1 1 0 0 0 1-1zM8 8h7v2H8zm0 4h7v1.5H8zm0 3h5v1.5H8z",
  citizen: {
    // /{city}/news and /{city}/news/{id}
    accepts: (path) => path.length <= 1,
    load: () => import("./news_module").then((m) => m.citizenModule),
    start: {},
  },
  console: () => import("./console/news_console"),
  serviceWorker: { isPublicRead: isListOrItemRead },
};
