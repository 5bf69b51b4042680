// The Mängelmelder for citizens (docs/reports.md). This chunk is small, since the city's start
// screen loads it for its part ("Mangel melden"); the screens themselves (reports_screens.tsx:
// /{city}/reports, …/new, …/mine, …/{id}) are loaded when one is opened.
import type { CitizenScreens } from "../web_module";
import { citizenPaths } from "../../citizen/citizen_router";
import { useCity } from "../../citizen/city_context";
import { LoadFailure, Loading } from "../../citizen/page_parts";
import { useCatalogue } from "../../i18n";
import { useLoad } from "../../shared/use_load";
import { hasReportsOnDevice } from "./device_reports";
import { reportsMessages } from "./messages";
import "./reports.css";

type Screens = typeof import("./reports_screens");
let loading: Promise<Screens> | null = null;

function loadScreens(): Promise<Screens> {
  loading ??= import("./reports_screens");
  // A failed load (offline before the chunk was cached) may be tried again.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

function ReportsScreen({ id }: { id: string | null }) {
  const m = useCatalogue(reportsMessages);
  const screens = useLoad(loadScreens, "reports-screens");
  if (screens.state === "loading") return <Loading />;
  if (screens.state === "failed") return <LoadFailure error={screens.error} notFound={m.unavailable} />;
  return <screens.data.ReportsScreen id={id} />;
}

/** The start screen's part: the way to report, and to the device's reports when there are some. */
function StartSection() {
  const { city } = useCity();
  const m = useCatalogue(reportsMessages);
  const mine = hasReportsOnDevice(city.slug);
  return (
    <section class="start-reports" aria-labelledby="start-reports-heading">
      <h2 id="start-reports-heading">{m.startHeading}</h2>
      <p class="button-row">
        <a class="button-link" href={citizenPaths.module(city.slug, "reports", "new")}>
          {m.reportButton}
        </a>
        {mine && <a href={citizenPaths.module(city.slug, "reports", "mine")}>{m.startMine}</a>}
      </p>
    </section>
  );
}

export const citizenModule: CitizenScreens = {
  Screen: ReportsScreen,
  StartSection,
};
