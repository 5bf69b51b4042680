// One report (/{city}/reports/{id}): the public view, or — for a report made on this device —
// the reporter's view through its X-Report-Token (also before the city published it).
import { useState } from "preact/hooks";
import { api, ApiError, cityPath } from "../../api/http";
import { citizenPaths } from "../../citizen/citizen_router";
import { useCity } from "../../citizen/city_context";
import { LoadFailure, Loading, PageHeading, useDocumentTitle } from "../../citizen/page_parts";
import { useLoad } from "../../shared/use_load";
import { useCatalogue, useI18n } from "../../i18n";
import { reportsMessages } from "./messages";
import { tokenHeader } from "./my_reports";
import { savedReport, updateSaved, type SavedReport } from "./report_queue";
import { AnswerList, categoryTitle, HistoryList, PhotoList, StatusBadge, useStatusLabels } from "./report_parts";
import { citySettings, isOpenStatus, type PublicReport } from "./reports_types";

interface Loaded {
  report: PublicReport;
  own: SavedReport | null;
}

async function loadReport(city: string, id: number): Promise<Loaded> {
  const own = (await savedReport(city, id).catch(() => undefined)) ?? null;
  try {
    const report = await api<PublicReport>(
      "GET",
      cityPath(city, "reports", id),
      undefined,
      own === null ? undefined : tokenHeader(own),
    );
    if (own !== null) await updateSaved({ ...own, last: report }).catch(() => {});
    return { report, own };
  } catch (error) {
    // Offline: the device's own report as last seen.
    if (!(error instanceof ApiError) && own?.last != null) return { report: own.last, own };
    throw error;
  }
}

function Support({ report }: { report: PublicReport }) {
  const { city } = useCity();
  const m = useCatalogue(reportsMessages);
  const [count, setCount] = useState<number | null>(null);
  const [failure, setFailure] = useState("");
  if (!isOpenStatus(report.status)) return null;
  return (
    <div class="support">
      {count === null ? (
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setFailure("");
            api<{ supporters: number }>("POST", cityPath(city.slug, "reports", report.id, "supports")).then(
              (answer) => setCount(answer.supporters),
              (error: unknown) =>
                setFailure(error instanceof ApiError ? (error.problem?.detail ?? m.supportFailed) : m.supportFailed),
            );
          }}
        >
          {m.support}
        </button>
      ) : (
        <p class="success" role="status">
          {m.supported(count)}
        </p>
      )}
      <p class="form-error" role="alert">
        {failure}
      </p>
    </div>
  );
}

export function ReportDetail({ id }: { id: number }) {
  const { city, dates } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(reportsMessages);
  const labels = useStatusLabels();
  const settings = citySettings(city);
  const load = useLoad(() => loadReport(city.slug, id), `${city.slug}/${id}`);
  const report = load.state === "ready" ? load.data.report : null;
  const own = load.state === "ready" ? load.data.own : null;
  const title =
    report === null ? m.reportNumber(id) : `${categoryTitle(settings, report.category, lang)} – ${m.reportNumber(id)}`;
  useDocumentTitle(title, city.name);
  const districtId = report?.district ?? null;
  const district = districtId === null ? null : (city.districts.find((d) => d.id === districtId)?.name ?? districtId);

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p>
        <a href={citizenPaths.module(city.slug, "reports")}>{m.backToList}</a>
      </p>
      {load.state === "loading" && <Loading />}
      {load.state === "failed" && <LoadFailure error={load.error} notFound={m.notFound} />}
      {report !== null && (
        <article class="report-detail">
          {own !== null && (
            <p class="own-note">
              <strong>{m.yourReport}</strong>
              {report.published === false && <> – {m.notPublished}</>}
            </p>
          )}
          <p class="meta">
            <StatusBadge status={report.status} label={labels(report.status, report.status_label)} />
            <span>{m.supporters(report.supporters)}</span>
          </p>
          {report.forwarded_to !== null && report.forwarded_to !== "" && <p>{m.forwardedTo(report.forwarded_to)}</p>}
          {report.duplicate_of !== null && (
            <p>
              {m.duplicateOf}{" "}
              <a href={citizenPaths.module(city.slug, "reports", report.duplicate_of)}>
                {m.reportNumber(report.duplicate_of)}
              </a>
            </p>
          )}
          {report.public_answer !== "" && (
            <section class="public-answer" aria-labelledby="answer-heading">
              <h2 id="answer-heading">{m.answerLabel}</h2>
              <p>{report.public_answer}</p>
            </section>
          )}
          <p class="report-text">{report.description}</p>
          <dl class="facts">
            <div>
              <dt>{m.categoryField}</dt>
              <dd>{categoryTitle(settings, report.category, lang)}</dd>
            </div>
            {(report.address !== "" || report.lat !== null) && (
              <div>
                <dt>{m.placeField}</dt>
                <dd>
                  {report.address}
                  {report.lat !== null && report.lon !== null && (
                    <>
                      {report.address !== "" && " · "}
                      <a
                        href={`https://www.openstreetmap.org/?mlat=${report.lat}&mlon=${report.lon}#map=18/${report.lat}/${report.lon}`}
                        rel="noopener"
                      >
                        {m.openOnMap}
                      </a>
                    </>
                  )}
                </dd>
              </div>
            )}
            {district !== null && (
              <div>
                <dt>{m.districtField}</dt>
                <dd>{district}</dd>
              </div>
            )}
            <div>
              <dt>{m.reportedField}</dt>
              <dd>
                <time dateTime={report.created_at}>{dates.dateTime(report.created_at)}</time>
              </dd>
            </div>
          </dl>
          <AnswerList report={report} settings={settings} />
          {(report.photos.length > 0 || (own?.thumbnails.length ?? 0) > 0) && (
            <section aria-labelledby="photos-heading">
              <h2 id="photos-heading">{m.photosField}</h2>
              {/* Photos of a report not yet public need the token: the device's own thumbnails then. */}
              <PhotoList photos={report.published === false ? [] : report.photos} local={own?.thumbnails ?? []} />
            </section>
          )}
          <Support report={report} />
          {report.history.length > 0 && (
            <section aria-labelledby="history-heading">
              <h2 id="history-heading">{m.historyLabel}</h2>
              <HistoryList entries={report.history} labels={(s) => labels(s)} />
            </section>
          )}
        </article>
      )}
    </>
  );
}
