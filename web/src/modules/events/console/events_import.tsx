// Import an iCalendar (.ics) or CSV file: a preview first (POST …/events/import?dry_run=true
// stores nothing and answers what would be created, updated or left unchanged, or the errors
// per line), then the import itself (dry_run=false) of the same file.
import { useRef, useState } from "preact/hooks";
import { apiRaw, ApiError, cityPath } from "../../../api/http";
import { useI18n } from "../../../i18n";
import { useConsole } from "../../../console/console_context";
import { Link } from "../../../console/console_router";
import type { EditorCity } from "../../../console/editor/editor_city";
import { useEditorMessages } from "../../../console/editor/messages";
import { PageHeading } from "../../../console/page_heading";
import { problemText } from "../../../console/problem_text";
import { useAction } from "../../../console/use_action";
import { useEventsMessages } from "./messages";
import { eventsPath } from "./paths";
import type { ImportOutcome } from "./types";

function contentType(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith(".ics") || name.endsWith(".ical") || file.type === "text/calendar") return "text/calendar";
  if (name.endsWith(".csv") || file.type === "text/csv") return "text/csv";
  return null;
}

/** The outcome inside a refused import's problem (422 with `errors`), if it has one. */
function outcomeOf(error: unknown): ImportOutcome | null {
  if (!(error instanceof ApiError) || error.problem === null) return null;
  const problem = error.problem as unknown as Partial<ImportOutcome>;
  if (!Array.isArray(problem.errors)) return null;
  return {
    created: problem.created ?? 0,
    updated: problem.updated ?? 0,
    unchanged: problem.unchanged ?? 0,
    errors: problem.errors,
  };
}

type Shown = { kind: "preview" | "done"; outcome: ImportOutcome } | { kind: "refused"; outcome: ImportOutcome } | null;

export function EventsImport({ editorCity }: { editorCity: EditorCity }) {
  const { t, lang } = useI18n();
  const m = useEditorMessages();
  const e = useEventsMessages();
  const { city } = useConsole();
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [shown, setShown] = useState<Shown>(null);
  const [status, setStatus] = useState("");
  const [problem, setProblem] = useState("");
  const [category, setCategory] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);

  const send = async (dryRun: boolean) => {
    setProblem("");
    setShown(null);
    if (file === null) {
      setProblem(e.importChooseFile);
      input.current?.focus();
      return;
    }
    const type = contentType(file);
    if (type === null) {
      setProblem(e.importBadType);
      input.current?.focus();
      return;
    }
    setStatus(dryRun ? e.importChecking : e.importStoring);
    let refused: unknown = null;
    const outcome = await action.run(async () => {
      try {
        const query = new URLSearchParams({ dry_run: String(dryRun) });
        if (category !== "") query.set("category", category);
        return await apiRaw<ImportOutcome>("POST", `${cityPath(city.slug, "events", "import")}?${query}`, file, type);
      } catch (failure) {
        refused = failure;
        throw failure;
      }
    });
    setStatus("");
    if (outcome !== undefined && Array.isArray(outcome.errors) && outcome.errors.length > 0) {
      setShown({ kind: "refused", outcome });
    } else if (outcome !== undefined) {
      setShown({ kind: dryRun ? "preview" : "done", outcome });
      setStatus(
        dryRun
          ? e.importPreviewReady(outcome.created, outcome.updated, outcome.unchanged)
          : e.importDone(outcome.created, outcome.updated, outcome.unchanged),
      );
    } else {
      const listed = outcomeOf(refused);
      if (listed !== null) setShown({ kind: "refused", outcome: listed });
      else setProblem(problemText(t, refused));
    }
    // The result takes the focus, so it is read and the next step is close.
    setTimeout(() => result.current?.focus(), 0);
  };

  const counts = (outcome: ImportOutcome) => (
    <dl class="counts">
      <div>
        <dt>{e.importCreated}</dt>
        <dd>{outcome.created}</dd>
      </div>
      <div>
        <dt>{e.importUpdated}</dt>
        <dd>{outcome.updated}</dd>
      </div>
      <div>
        <dt>{e.importUnchanged}</dt>
        <dd>{outcome.unchanged}</dd>
      </div>
    </dl>
  );

  return (
    <>
      <PageHeading>{e.importHeading}</PageHeading>
      <p>
        <Link href={eventsPath()}>{m.backToList}</Link>
      </p>
      <p>{e.importIntro}</p>
      <form
        class="form"
        onSubmit={(ev) => {
          ev.preventDefault();
          void send(true);
        }}
      >
        <div class="field">
          <label for="import-file">{e.importFile}</label>
          <input
            ref={input}
            id="import-file"
            name="file"
            type="file"
            accept=".ics,.csv,text/calendar,text/csv"
            aria-invalid={problem !== ""}
            aria-describedby={problem === "" ? undefined : "import-error"}
            onChange={(ev) => {
              setFile(ev.currentTarget.files?.[0] ?? null);
              setShown(null);
              setProblem("");
              setStatus("");
            }}
          />
        </div>
        <div class="field">
          <label for="import-category">{e.importCategory}</label>
          <select
            id="import-category"
            name="category"
            value={category}
            aria-describedby="import-category-hint"
            onChange={(ev) => {
              setCategory(ev.currentTarget.value);
              setShown(null);
            }}
          >
            <option value="">{e.importCategoryAuto}</option>
            {editorCity.categories.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.title[lang]}
              </option>
            ))}
          </select>
          <p id="import-category-hint" class="hint">
            {e.importCategoryHint}
          </p>
        </div>
        <p id="import-error" role="alert" class="form-error">
          {problem}
        </p>
        <div class="form-buttons">
          <button type="submit" class="button button-primary" aria-disabled={action.pending}>
            {e.importPreview}
          </button>
        </div>
      </form>
      <p role="status" class="status-message">
        {status}
      </p>
      <div ref={result} tabIndex={-1} class="import-result">
        {shown !== null && shown.kind !== "refused" && (
          <section class="panel" aria-labelledby="import-result-heading">
            <h2 id="import-result-heading">
              {shown.kind === "preview" ? e.importPreviewHeading : e.importResultHeading}
            </h2>
            {counts(shown.outcome)}
            {shown.kind === "preview" && (
              <button
                type="button"
                class="button button-primary"
                onClick={() => void send(false)}
                aria-disabled={action.pending}
              >
                {e.importCommit}
              </button>
            )}
            {shown.kind === "done" && (
              <p>
                <Link href={eventsPath()}>{m.backToList}</Link>
              </p>
            )}
          </section>
        )}
        {shown !== null && shown.kind === "refused" && (
          <section class="panel panel-error" aria-labelledby="import-errors-heading">
            <h2 id="import-errors-heading">{e.importErrorsHeading(shown.outcome.errors.length)}</h2>
            <div class="table-wrap">
              <table>
                <caption>{e.importErrorsCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{e.importLine}</th>
                    <th scope="col">{e.importField}</th>
                    <th scope="col">{e.importMessage}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.outcome.errors.map((error, i) => (
                    <tr key={i}>
                      <td>{error.line ?? "–"}</td>
                      <td>{error.field ? <code>{error.field}</code> : "–"}</td>
                      <td>{error.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}
      </div>
    </>
  );
}
