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
import { ImportResult, type ImportShown } from "../../../console/import_result";
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

export function EventsImport({ editorCity }: { editorCity: EditorCity }) {
  const { t, lang } = useI18n();
  const m = useEditorMessages();
  const e = useEventsMessages();
  const { city } = useConsole();
  const action = useAction();
  const [file, setFile] = useState<File | null>(null);
  const [shown, setShown] = useState<ImportShown<ImportOutcome>>(null);
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
      setShown({ kind: "refused", errors: outcome.errors });
    } else if (outcome !== undefined) {
      setShown({ kind: dryRun ? "preview" : "done", outcome });
      setStatus(
        dryRun
          ? e.importPreviewReady(outcome.created, outcome.updated, outcome.unchanged)
          : e.importDone(outcome.created, outcome.updated, outcome.unchanged),
      );
    } else {
      const listed = outcomeOf(refused);
      if (listed !== null) setShown({ kind: "refused", errors: listed.errors });
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
      <ImportResult
        idPrefix="import"
        status={status}
        resultRef={result}
        shown={shown}
        counts={counts}
        onCommit={() => void send(false)}
        pending={action.pending}
        back={{ href: eventsPath(), label: m.backToList }}
        messages={e}
      />
    </>
  );
}
