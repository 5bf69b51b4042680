// The waste calendar's console screens (/console/modules/waste…): the areas with the plan's
// summary, an area's dates of a year with corrections (…/areas/{code}), the street segments
// (…/streets, ?area= for one area's), the shifts (…/shifts) and the import of streets, dates and
// calendars (…/import).
import { useConsole } from "../../../console/console_context";
import { Link } from "../../../console/console_router";
import { useModuleTitle } from "../../../console/editor/editor_city";
import type { ConsoleScreenProps } from "../../web_module";
import { PageHeading } from "../../../console/page_heading";
import { problemText } from "../../../console/problem_text";
import { useI18n } from "../../../i18n";
import { AreaDates } from "./area_dates";
import { useWasteConsoleMessages } from "./messages";
import { wastePath } from "./paths";
import { ShiftsPage } from "./shifts_page";
import { StreetsPage } from "./streets_page";
import { useAdminAreas, useWasteCity, type WasteCity } from "./waste_city";
import { WasteImport } from "./waste_import";

function AreasPage({ wasteCity }: { wasteCity: WasteCity }) {
  const { t } = useI18n();
  const w = useWasteConsoleMessages();
  const title = useModuleTitle("waste");
  const { city } = useConsole();
  const { load } = useAdminAreas();
  const district = (id: string) => wasteCity.districts.find((d) => d.id === id)?.name ?? id;
  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p>{w.intro}</p>
      <ul class="link-list">
        <li>
          <Link href={wastePath("streets")}>{w.streetsLink}</Link>
        </li>
        <li>
          <Link href={wastePath("shifts")}>{w.shiftsLink}</Link>
        </li>
        <li>
          <Link href={wastePath("import")}>{w.importLink}</Link>
        </li>
      </ul>
      {load.state === "loading" && <p role="status">{t.loading}</p>}
      {load.state === "failed" && (
        <p role="alert" class="form-error">
          {problemText(t, load.error)}
        </p>
      )}
      {load.state === "ready" && (
        <>
          <section class="panel" aria-labelledby="waste-summary-heading">
            <h2 id="waste-summary-heading">{w.summaryHeading}</h2>
            <dl class="counts">
              {(
                [
                  [w.countAreas, load.data.summary.areas],
                  [w.countStreets, load.data.summary.streets],
                  [w.countRhythms, load.data.summary.rhythms],
                  [w.countDates, load.data.summary.dates],
                  [w.countChanges, load.data.summary.changes],
                  [w.countShifts, load.data.summary.shifts],
                ] as const
              ).map(([label, count]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{count}</dd>
                </div>
              ))}
            </dl>
            <p>{w.years(load.data.summary.years.join(", "))}</p>
          </section>
          {load.data.items.length === 0 ? (
            <p>{w.noAreas}</p>
          ) : (
            <div class="table-wrap">
              <table>
                <caption>{w.areasCaption(city.name)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{w.colCode}</th>
                    <th scope="col">{w.colName}</th>
                    <th scope="col">{w.colDistrict}</th>
                    <th scope="col">{w.colStreets}</th>
                    <th scope="col">{t.actions}</th>
                  </tr>
                </thead>
                <tbody>
                  {load.data.items.map((area) => (
                    <tr key={area.code}>
                      <th scope="row">
                        <Link href={wastePath("areas", area.code)}>{area.code}</Link>
                      </th>
                      <td>{area.name}</td>
                      <td>{district(area.district)}</td>
                      <td>{area.streets}</td>
                      <td>
                        <div class="actions">
                          <Link href={`${wastePath("streets")}?${new URLSearchParams({ area: area.code }).toString()}`}>
                            {w.areaStreets}
                            <span class="visually-hidden"> ({area.code})</span>
                          </Link>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}

export default function WasteConsole({ rest }: ConsoleScreenProps) {
  const { t } = useI18n();
  const title = useModuleTitle("waste");
  const wasteCity = useWasteCity();
  const { city } = useConsole();
  if (wasteCity.state !== "ready") {
    const failed = wasteCity.state === "failed";
    return (
      <>
        <PageHeading>{title}</PageHeading>
        <p role={failed ? "alert" : "status"} class={failed ? "form-error" : ""}>
          {wasteCity.state === "failed" ? problemText(t, wasteCity.error) : t.loading}
        </p>
      </>
    );
  }
  const data = wasteCity.data;
  const [first, second, ...more] = rest;
  // Keyed by city: switching the city starts each screen afresh.
  if (first === undefined) return <AreasPage key={city.slug} wasteCity={data} />;
  if (first === "areas" && second !== undefined && more.length === 0)
    return <AreaDates key={`${city.slug}/${second}`} code={second} wasteCity={data} />;
  if (first === "streets" && second === undefined) return <StreetsPage key={city.slug} wasteCity={data} />;
  if (first === "shifts" && second === undefined) return <ShiftsPage key={city.slug} wasteCity={data} />;
  if (first === "import" && second === undefined) return <WasteImport key={city.slug} />;
  return <PageHeading>{t.notFound}</PageHeading>;
}
