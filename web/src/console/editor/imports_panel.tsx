// The state of a module's feed imports (GET …/{module}/imports) and "fetch now"
// (POST …/{module}/imports/run): each feed's last attempt, last success and last error.
import { useEffect, useState } from "preact/hooks";
import { api, cityPath } from "../../api/http";
import { useI18n } from "../../i18n";
import { useConsole } from "../console_context";
import { problemText } from "../problem_text";
import { useAction } from "../use_action";
import { cityDateFormat } from "./city_time";
import type { EditorCity } from "./editor_city";
import { useEditorMessages } from "./messages";

export interface FeedState {
  url: string;
  last_attempt_at: string | null;
  last_success_at: string | null;
  last_error: string | null;
  items_seen: number | null;
}

/** The answer is a list of feeds, either bare or as {items} / {feeds}. */
function feedsOf(answer: unknown): FeedState[] {
  if (Array.isArray(answer)) return answer as FeedState[];
  if (answer !== null && typeof answer === "object") {
    const o = answer as { items?: unknown; feeds?: unknown };
    if (Array.isArray(o.items)) return o.items as FeedState[];
    if (Array.isArray(o.feeds)) return o.feeds as FeedState[];
  }
  return [];
}

export function ImportsPanel({ module, city }: { module: string; city: EditorCity }) {
  const { t, lang } = useI18n();
  const m = useEditorMessages();
  const { city: consoleCity } = useConsole();
  const load = useAction();
  const run = useAction();
  const [feeds, setFeeds] = useState<FeedState[] | null>(null);
  const [status, setStatus] = useState("");
  const dates = cityDateFormat(city.timeZone, lang);

  useEffect(() => {
    void load.run(async () =>
      setFeeds(feedsOf(await api<unknown>("GET", cityPath(consoleCity.slug, module, "imports")))),
    );
  }, [consoleCity.slug, module]);

  const runNow = async () => {
    setStatus(m.importsRunning);
    const answer = await run.run(() => api<unknown>("POST", cityPath(consoleCity.slug, module, "imports", "run")));
    if (answer === undefined) {
      setStatus("");
      return;
    }
    setFeeds(feedsOf(answer));
    setStatus(m.importsDone);
  };

  const when = (iso: string | null) => (iso === null ? t.never : <time dateTime={iso}>{dates.dateTime(iso)}</time>);
  const headingId = `${module}-imports-heading`;
  return (
    <section class="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{m.importsHeading}</h2>
      <p class="hint">{m.importsIntro}</p>
      {feeds === null ? (
        <p role="status">{load.error === null ? t.loading : ""}</p>
      ) : feeds.length === 0 ? (
        <p>{m.importsNone}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{m.importsCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.importsFeed}</th>
                <th scope="col">{m.importsLastAttempt}</th>
                <th scope="col">{m.importsLastSuccess}</th>
                <th scope="col">{m.importsError}</th>
                <th scope="col">{m.importsItems}</th>
              </tr>
            </thead>
            <tbody>
              {feeds.map((feed) => (
                <tr key={feed.url} class={feed.last_error ? "row-error" : undefined}>
                  <th scope="row" class="feed-url">
                    {feed.url}
                  </th>
                  <td>{when(feed.last_attempt_at)}</td>
                  <td>{when(feed.last_success_at)}</td>
                  <td>{feed.last_error ? <span class="form-error">{feed.last_error}</span> : m.importsOk}</td>
                  <td>{feed.items_seen ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p role="alert" class="form-error">
        {load.error !== null ? problemText(t, load.error) : run.error !== null ? problemText(t, run.error) : ""}
      </p>
      <p role="status" class="status-message">
        {status}
      </p>
      <button type="button" class="button" onClick={runNow} aria-disabled={run.pending}>
        {m.importsRun}
      </button>
    </section>
  );
}
