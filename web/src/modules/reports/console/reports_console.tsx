// The Mängelmelder's console screens (/console/modules/reports…), for case workers of the module
// and city admins: the inbox with filters, paging, a map and bulk rejection (inbox.tsx), and a
// case (…/{id}, case_detail.tsx). What they need of the city (categories, groups, departments,
// districts, the map) comes from its public manifest.
import { api, cityPath } from "../../../api/http";
import type { CityManifest } from "../../../api/types";
import { useConsole } from "../../../console/console_context";
import { useModuleTitle } from "../../../console/editor/editor_city";
import type { ConsoleScreenProps } from "../../web_module";
import { PageHeading } from "../../../console/page_heading";
import { problemText } from "../../../console/problem_text";
import { useI18n } from "../../../i18n";
import { useLoad, type Load } from "../../../shared/use_load";
import { cityMap, readReportsSettings, type CityMap, type ReportsSettings } from "../reports_types";
import { CaseDetail } from "./case_detail";
import { Inbox } from "./inbox";
import "./reports_console.css";

export interface ReportsCity {
  slug: string;
  name: string;
  settings: ReportsSettings;
  districts: { id: string; name: string }[];
  map: CityMap;
}

/** What the screens need of the city, from its manifest (a 401 ends the session: LoadFailureContext). */
function useReportsCity(): Load<ReportsCity> {
  const { city } = useConsole();
  return useLoad(
    () =>
      api<CityManifest>("GET", cityPath(city.slug)).then((manifest) => ({
        slug: manifest.slug,
        name: manifest.name,
        settings: readReportsSettings(manifest.modules.find((m) => m.name === "reports")?.settings),
        districts: manifest.districts,
        map: cityMap(manifest),
      })),
    city.slug,
  );
}

export default function ReportsConsole({ rest }: ConsoleScreenProps) {
  const { t } = useI18n();
  const title = useModuleTitle("reports");
  const { city } = useConsole();
  const reportsCity = useReportsCity();
  if (reportsCity.state !== "ready") {
    const failed = reportsCity.state === "failed";
    return (
      <>
        <PageHeading>{title}</PageHeading>
        <p role={failed ? "alert" : "status"} class={failed ? "form-error" : ""}>
          {reportsCity.state === "failed" ? problemText(t, reportsCity.error) : t.loading}
        </p>
      </>
    );
  }
  const [first, ...more] = rest;
  // Keyed by city: switching the city starts each screen afresh.
  if (first === undefined) return <Inbox key={city.slug} reportsCity={reportsCity.data} />;
  if (/^[1-9][0-9]*$/.test(first) && more.length === 0)
    return <CaseDetail key={`${city.slug}/${first}`} id={Number(first)} reportsCity={reportsCity.data} />;
  return <PageHeading>{t.notFound}</PageHeading>;
}
