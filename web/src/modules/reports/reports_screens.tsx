// The Mängelmelder's screens (docs/reports.md), loaded by reports_module.tsx when one is opened
// (Leaflet is a further lazily loaded part, report_map.tsx):
//   /{city}/reports        the reported problems (map and list, filters) and the way in
//   /{city}/reports/new    "Mangel melden" (report_form.tsx)
//   /{city}/reports/mine   "Meine Meldungen" (my_reports.tsx)
//   /{city}/reports/{id}   one report (report_detail.tsx)
import { useEffect, useRef, useState } from "preact/hooks";
import { cityPath } from "../../api/http";
import { api } from "../../api/http";
import { citizenPaths } from "../../citizen/citizen_router";
import { useCity } from "../../citizen/city_context";
import { LoadFailure, Loading, MoreButton, PageHeading, useDocumentTitle } from "../../citizen/page_parts";
import { useLoad } from "../../shared/use_load";
import { usePagedList } from "../../shared/use_paged_list";
import { useCatalogue, useI18n } from "../../i18n";
import { reportsMessages } from "./messages";
import { MyReportsPage, useDeviceReports } from "./my_reports";
import { ReportDetail } from "./report_detail";
import { ReportForm } from "./report_form";
import { PointsMapView } from "./report_map";
import { CategoryOptions, categoryTitle, StatusBadge, useStatusLabels } from "./report_parts";
import type { SendOutcome } from "./report_queue";
import { cityMap, citySettings, isOpenStatus, type MapCollection, type PublicReport } from "./reports_types";

type StatusFilter = "open" | "closed" | "";

function PublicReports() {
  const { city, dates } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(reportsMessages);
  const labels = useStatusLabels();
  const settings = citySettings(city);
  const [status, setStatus] = useState<StatusFilter>("open");
  const [category, setCategory] = useState("");
  const query = new URLSearchParams();
  if (status !== "") query.set("status", status);
  const mapQuery = query.toString();
  if (category !== "") query.set("category", category);
  query.set("limit", "20");
  const list = usePagedList<PublicReport>(`${cityPath(city.slug, "reports")}?${query.toString()}`);
  const mapPath = `${cityPath(city.slug, "reports", "map.geojson")}${mapQuery === "" ? "" : `?${mapQuery}`}`;
  const geo = useLoad(() => api<MapCollection>("GET", mapPath), mapPath);
  const features = geo.state === "ready" ? geo.data.features : [];
  const points = features
    .filter((f) => category === "" || f.properties.category === category)
    .map((f) => ({
      id: f.properties.id,
      lat: f.geometry.coordinates[1],
      lon: f.geometry.coordinates[0],
      open: isOpenStatus(f.properties.status),
      label: `${categoryTitle(settings, f.properties.category, lang)} – ${m.reportNumber(f.properties.id)} (${labels(f.properties.status)})`,
      href: citizenPaths.module(city.slug, "reports", f.properties.id),
    }));

  return (
    <section aria-labelledby="public-heading">
      <h2 id="public-heading">{m.publicHeading}</h2>
      <fieldset class="report-filter">
        <legend>{m.filterLegend}</legend>
        <div class="field">
          <label for="reports-status">{m.filterStatus}</label>
          <select
            id="reports-status"
            value={status}
            onChange={(event) => setStatus(event.currentTarget.value as StatusFilter)}
          >
            <option value="open">{m.statusOpen}</option>
            <option value="closed">{m.statusClosed}</option>
            <option value="">{m.statusAll}</option>
          </select>
        </div>
        <div class="field">
          <label for="reports-category">{m.filterCategory}</label>
          <select id="reports-category" value={category} onChange={(event) => setCategory(event.currentTarget.value)}>
            <option value="">{m.allCategories}</option>
            <CategoryOptions settings={settings} lang={lang} />
          </select>
        </div>
      </fieldset>
      <PointsMapView area={cityMap(city)} points={points} label={m.mapOfReports} />
      {geo.state === "ready" && geo.data.truncated === true && <p class="hint">{m.mapTruncated}</p>}
      {list.first.state === "loading" && <Loading />}
      {list.first.state === "failed" && <LoadFailure error={list.first.error} notFound={m.unavailable} />}
      {list.first.state === "ready" && list.items.length === 0 && <p>{m.noReports}</p>}
      {list.items.length > 0 && (
        <ul class="cards report-cards" aria-label={m.listCaption}>
          {list.items.map((r) => (
            <li key={r.id}>
              {r.photos[0] !== undefined && <img src={r.photos[0].thumbnail_url} alt="" width={80} height={80} />}
              <div>
                <h3>
                  <a href={citizenPaths.module(city.slug, "reports", r.id)}>
                    {categoryTitle(settings, r.category, lang)} – {m.reportNumber(r.id)}
                  </a>
                </h3>
                <p class="meta">
                  <StatusBadge status={r.status} label={labels(r.status, r.status_label)} />
                  <span>{m.reportedOn(dates.day(r.created_at))}</span>
                  {r.supporters > 0 && <span>{m.supporters(r.supporters)}</span>}
                </p>
                {r.address !== "" && <p class="report-address">{r.address}</p>}
                <p class="report-text">{r.description}</p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <MoreButton more={list.more} loadingMore={list.loadingMore} error={list.moreError} label={m.moreReports} />
    </section>
  );
}

function ReportsHome() {
  const { city } = useCity();
  const m = useCatalogue(reportsMessages);
  useDocumentTitle(m.heading, city.name);
  const device = useDeviceReports(city.slug);
  const count = device === null ? 0 : device.queued.length + device.saved.length;
  return (
    <>
      <PageHeading>{m.heading}</PageHeading>
      <p>{m.intro}</p>
      <p class="button-row">
        <a class="button-link" href={citizenPaths.module(city.slug, "reports", "new")}>
          {m.reportButton}
        </a>
        <a href={citizenPaths.module(city.slug, "reports", "mine")}>
          {m.myReportsLink}
          {count > 0 && ` (${m.myReportsCount(count)})`}
        </a>
      </p>
      <PublicReports />
    </>
  );
}

function Confirmation({ outcome, onAnother }: { outcome: SendOutcome; onAnother: () => void }) {
  const { city } = useCity();
  const m = useCatalogue(reportsMessages);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section class="confirmation" aria-labelledby="thanks-heading">
      <h2 id="thanks-heading" ref={heading} tabIndex={-1}>
        {m.thanksHeading}
      </h2>
      {outcome.kind === "sent" ? (
        <>
          <p>{m.thanksSent(outcome.saved.id)}</p>
          {outcome.saved.last?.published === false && <p>{m.thanksModeration}</p>}
        </>
      ) : (
        <p>{outcome.kind === "later" && outcome.status === null ? m.thanksQueued : m.thanksLater}</p>
      )}
      <ul class="link-list">
        <li>
          <a href={citizenPaths.module(city.slug, "reports", "mine")}>{m.toMyReports}</a>
        </li>
        {outcome.kind === "sent" && (
          <li>
            <a href={citizenPaths.module(city.slug, "reports", outcome.saved.id)}>{m.toReport}</a>
          </li>
        )}
        <li>
          <button type="button" class="secondary" onClick={onAnother}>
            {m.anotherReport}
          </button>
        </li>
      </ul>
    </section>
  );
}

function NewReport() {
  const { city } = useCity();
  const m = useCatalogue(reportsMessages);
  useDocumentTitle(m.newHeading, city.name);
  const [outcome, setOutcome] = useState<SendOutcome | null>(null);
  // A new form (and submission_id) for each report.
  const [form, setForm] = useState(0);
  return (
    <>
      <PageHeading>{m.newHeading}</PageHeading>
      {outcome === null ? (
        <ReportForm key={form} onDone={setOutcome} />
      ) : (
        <Confirmation
          outcome={outcome}
          onAnother={() => {
            setOutcome(null);
            setForm((n) => n + 1);
          }}
        />
      )}
    </>
  );
}

export function ReportsScreen({ id }: { id: string | null }) {
  const m = useCatalogue(reportsMessages);
  if (id === null) return <ReportsHome />;
  if (id === "new") return <NewReport />;
  if (id === "mine") return <MyReportsPage />;
  const number = /^[1-9][0-9]{0,15}$/.test(id) ? Number(id) : null;
  if (number === null) return <PageHeading>{m.notFound}</PageHeading>;
  return <ReportDetail key={number} id={number} />;
}
