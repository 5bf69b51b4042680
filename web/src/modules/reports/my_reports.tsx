// "Meine Meldungen": the reports kept on this device (report_queue.ts) — those still waiting to be
// sent (or refused, with the reason) and those the city has, each with its current state
// (GET …/reports/{id} with its X-Report-Token, kept for offline), the city's answer and the
// button that deletes the personal data at the city.
import { useContext, useEffect, useState } from "preact/hooks";
import { api, ApiError, cityPath } from "../../api/http";
import { citizenPaths } from "../../citizen/citizen_router";
import { useCity } from "../../citizen/city_context";
import { PageHeading, useDocumentTitle } from "../../citizen/page_parts";
import { useOnline } from "../../citizen/pwa";
import { RefreshContext } from "../../shared/use_load";
import { useCatalogue, useI18n } from "../../i18n";
import { reportsMessages } from "./messages";
import {
  discardQueued,
  flushQueue,
  forgetSaved,
  onReportsChanged,
  queuedReports,
  retryReport,
  savedReports,
  updateSaved,
  type QueuedReport,
  type SavedReport,
} from "./report_queue";
import { categoryTitle, HistoryList, PhotoList, StatusBadge, useStatusLabels } from "./report_parts";
import { citySettings, type PublicReport } from "./reports_types";

interface DeviceReports {
  queued: QueuedReport[];
  saved: SavedReport[];
}

/** The device's reports of the city, read again whenever they change. */
export function useDeviceReports(city: string): DeviceReports | null {
  const [reports, setReports] = useState<DeviceReports | null>(null);
  useEffect(() => {
    let current = true;
    const read = () =>
      Promise.all([queuedReports(city), savedReports(city)]).then(
        ([queued, saved]) => current && setReports({ queued, saved }),
        () => current && setReports({ queued: [], saved: [] }),
      );
    void read();
    const stop = onReportsChanged(() => void read());
    return () => {
      current = false;
      stop();
    };
  }, [city]);
  return reports;
}

export const tokenHeader = (saved: SavedReport) => ({ "X-Report-Token": saved.access_token });

/** Fetches the reporter's view of each sent report and keeps it with the report. */
function useFreshViews(saved: SavedReport[] | undefined): { checking: boolean; offline: boolean } {
  const { city } = useCity();
  const refresh = useContext(RefreshContext);
  const online = useOnline();
  const [state, setState] = useState({ checking: false, offline: false });
  const ids = (saved ?? []).map((s) => s.submission_id).join(",");
  useEffect(() => {
    if (saved === undefined || saved.length === 0) return;
    if (!online) {
      setState({ checking: false, offline: true });
      return;
    }
    let current = true;
    setState({ checking: true, offline: false });
    void Promise.all(
      saved.map(async (s) => {
        try {
          const view = await api<PublicReport>("GET", cityPath(city.slug, "reports", s.id), undefined, tokenHeader(s));
          if (current) await updateSaved({ ...s, last: view });
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          // 404: the token is no longer valid (the city removed the report); the last view stays.
        }
      }),
    ).then(
      () => current && setState({ checking: false, offline: false }),
      () => current && setState({ checking: false, offline: true }),
    );
    return () => {
      current = false;
    };
  }, [ids, refresh, online]);
  return state;
}

function QueuedItem({ entry }: { entry: QueuedReport }) {
  const { city, dates } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(reportsMessages);
  const online = useOnline();
  const settings = citySettings(city);
  const [confirming, setConfirming] = useState(false);
  const failed = entry.state === "failed";
  const title = categoryTitle(settings, entry.body.category, lang);
  return (
    <li class={`my-report ${failed ? "my-report-failed" : "my-report-queued"}`}>
      <h3>{title}</h3>
      <p class="meta">
        <span class={`badge ${failed ? "status-refused" : "status-waiting"}`}>
          {failed ? m.queuedRefused : m.queuedWaiting}
        </span>
        <span>{dates.dateTime(entry.created)}</span>
      </p>
      <p class="report-text">{entry.body.description}</p>
      {failed && entry.problem !== null && <p class="form-error">{entry.problem}</p>}
      <PhotoList photos={[]} local={entry.thumbnails} />
      <div class="button-row">
        {online && (
          <button
            type="button"
            class="secondary"
            onClick={() => void (failed ? retryReport(entry.submission_id) : flushQueue())}
          >
            {failed ? m.tryAgain : m.sendNow}
            <span class="visually-hidden"> ({title})</span>
          </button>
        )}
        {confirming ? (
          <span class="confirm" role="group" aria-label={m.discardConfirm}>
            <span>{m.discardConfirm}</span>
            <button type="button" class="danger" onClick={() => void discardQueued(entry.submission_id)}>
              {m.confirm}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              {m.cancel}
            </button>
          </span>
        ) : (
          <button type="button" class="secondary" onClick={() => setConfirming(true)}>
            {m.discard}
            <span class="visually-hidden"> ({title})</span>
          </button>
        )}
      </div>
    </li>
  );
}

function SentItem({ saved }: { saved: SavedReport }) {
  const { city, dates } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(reportsMessages);
  const labels = useStatusLabels();
  const settings = citySettings(city);
  const [confirming, setConfirming] = useState(false);
  const [failure, setFailure] = useState("");
  const [done, setDone] = useState(false);
  const view = saved.last;
  const title = categoryTitle(settings, saved.category, lang);
  const deletePersonal = async () => {
    setFailure("");
    try {
      await api<void>(
        "DELETE",
        cityPath(city.slug, "reports", saved.id, "personal-data"),
        undefined,
        tokenHeader(saved),
      );
      await updateSaved({ ...saved, personal_data_deleted: true });
      setDone(true);
      setConfirming(false);
    } catch (error) {
      setFailure(error instanceof ApiError ? (error.problem?.detail ?? m.unavailable) : m.unavailable);
    }
  };
  return (
    <li class="my-report">
      <h3>
        <a href={citizenPaths.module(city.slug, "reports", saved.id)}>
          {title} – {m.reportNumber(saved.id)}
        </a>
      </h3>
      <p class="meta">
        {view !== null && <StatusBadge status={view.status} label={labels(view.status, view.status_label)} />}
        <span>{dates.dateTime(saved.created)}</span>
      </p>
      <p class="report-text">{saved.description}</p>
      {view !== null && view.published === false && <p class="hint">{m.notPublished}</p>}
      {view !== null && view.public_answer !== "" && (
        <div class="public-answer">
          <h4>{m.answerLabel}</h4>
          <p>{view.public_answer}</p>
        </div>
      )}
      <PhotoList photos={[]} local={saved.thumbnails} />
      {view !== null && view.history.length > 1 && (
        <details>
          <summary>{m.historyLabel}</summary>
          <HistoryList entries={view.history} labels={(s) => labels(s)} />
        </details>
      )}
      {saved.personal_data_deleted ? (
        <p class="success" role={done ? "status" : undefined}>
          {m.personalDeleted}
        </p>
      ) : confirming ? (
        <div class="confirm" role="group" aria-label={m.deletePersonalConfirm}>
          <p>{m.deletePersonalConfirm}</p>
          <div class="button-row">
            <button type="button" class="danger" onClick={() => void deletePersonal()}>
              {m.confirm}
            </button>
            <button type="button" class="secondary" onClick={() => setConfirming(false)}>
              {m.cancel}
            </button>
          </div>
        </div>
      ) : (
        <div class="button-row">
          <button
            type="button"
            class="secondary"
            aria-describedby={`personal-hint-${saved.id}`}
            onClick={() => setConfirming(true)}
          >
            {m.deletePersonal}
            <span class="visually-hidden"> ({m.reportNumber(saved.id)})</span>
          </button>
          <button type="button" class="secondary" onClick={() => void forgetSaved(saved.submission_id)}>
            {m.forget}
            <span class="visually-hidden"> ({m.reportNumber(saved.id)})</span>
          </button>
        </div>
      )}
      {!saved.personal_data_deleted && (
        <p id={`personal-hint-${saved.id}`} class="hint">
          {m.deletePersonalHint}
        </p>
      )}
      <p class="form-error" role="alert">
        {failure}
      </p>
    </li>
  );
}

export function MyReportsPage() {
  const { city } = useCity();
  const m = useCatalogue(reportsMessages);
  useDocumentTitle(m.mineHeading, city.name);
  const reports = useDeviceReports(city.slug);
  const online = useOnline();
  const fresh = useFreshViews(reports?.saved);
  // Whatever waits is sent when this screen opens (and on "online", see device_reports.ts).
  useEffect(() => {
    if (online) void flushQueue();
  }, [online]);
  const waiting = reports?.queued.filter((q) => q.state === "queued").length ?? 0;
  // Newest first.
  const saved = [...(reports?.saved ?? [])].reverse();
  const queued = [...(reports?.queued ?? [])].reverse();
  return (
    <>
      <PageHeading>{m.mineHeading}</PageHeading>
      <p>{m.mineIntro}</p>
      <p class="button-row">
        <a class="button-link" href={citizenPaths.module(city.slug, "reports", "new")}>
          {m.reportButton}
        </a>
        <a href={citizenPaths.module(city.slug, "reports")}>{m.backToList}</a>
      </p>
      <p role="status" class="queue-status">
        {m.queueSummary(waiting)}
      </p>
      {fresh.offline && <p class="offline-copy">{m.offlineStatus}</p>}
      {reports !== null && reports.queued.length === 0 && reports.saved.length === 0 && <p>{m.mineNone}</p>}
      {queued.length > 0 && (
        <section aria-labelledby="queued-heading">
          <h2 id="queued-heading">{m.queuedHeading}</h2>
          <ul class="my-reports">
            {queued.map((entry) => (
              <QueuedItem key={entry.submission_id} entry={entry} />
            ))}
          </ul>
        </section>
      )}
      {saved.length > 0 && (
        <section aria-labelledby="sent-heading">
          <h2 id="sent-heading">{m.sentHeading}</h2>
          <ul class="my-reports">
            {saved.map((s) => (
              <SentItem key={s.submission_id} saved={s} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
