// Import the collection plan: streets (CSV), the dates of a year (CSV) or an area's calendar of a
// year (iCalendar). "Vorschau" sends the file with dry_run=true (POST …/waste/admin/imports/{kind}):
// nothing changes, the answer says what the import would do, or lists every error per line (422
// with `errors`); "Importieren" then sends the same file with dry_run=false.
import { useRef, useState } from "preact/hooks";
import { apiRaw, ApiError, cityPath } from "../../../api/http";
import { useConsole } from "../../../console/console_context";
import { ImportResult, type ImportRowError, type ImportShown } from "../../../console/import_result";
import { Link } from "../../../console/console_router";
import { PageHeading } from "../../../console/page_heading";
import { problemText } from "../../../console/problem_text";
import { useAction } from "../../../console/use_action";
import { useI18n } from "../../../i18n";
import { useWasteConsoleMessages } from "./messages";
import { wastePath } from "./paths";
import { importKinds, type ImportKind, type ImportOutcome } from "./types";
import { useAdminAreas } from "./waste_city";

/** The per-row errors inside a refused import's problem (422 with `errors`), if it has them. */
function rowErrorsOf(error: unknown): ImportRowError[] | null {
  if (!(error instanceof ApiError) || error.problem === null) return null;
  const errors = (error.problem as unknown as { errors?: unknown }).errors;
  return Array.isArray(errors) ? (errors as ImportRowError[]) : null;
}

export function WasteImport() {
  const { t } = useI18n();
  const w = useWasteConsoleMessages();
  const { city } = useConsole();
  const areas = useAdminAreas().load;
  const action = useAction();
  const [kind, setKind] = useState<ImportKind>("streets");
  const [file, setFile] = useState<File | null>(null);
  const [year, setYear] = useState(String(new Date().getFullYear() + 1));
  const [area, setArea] = useState("");
  const [shown, setShown] = useState<ImportShown<ImportOutcome>>(null);
  const [status, setStatus] = useState("");
  const [problem, setProblem] = useState<{ field: "file" | "year" | "area" | null; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const yearInput = useRef<HTMLInputElement>(null);
  const areaInput = useRef<HTMLInputElement>(null);
  const result = useRef<HTMLDivElement>(null);
  const needsYear = kind !== "streets";
  const needsArea = kind === "calendar";
  const areaCodes = areas.state === "ready" ? areas.data.items.map((a) => a.code) : [];

  const reset = () => {
    setShown(null);
    setProblem(null);
    setStatus("");
  };

  const refuse = (field: "file" | "year" | "area", text: string) => {
    setProblem({ field, text });
    ({ file: fileInput, year: yearInput, area: areaInput })[field].current?.focus();
  };

  const send = async (dryRun: boolean) => {
    reset();
    if (file === null) return refuse("file", w.importChooseFile);
    if (needsYear && !/^\d{4}$/.test(year.trim())) return refuse("year", w.importYearMissing);
    if (needsArea && area.trim() === "") return refuse("area", w.importAreaMissing);
    const query = new URLSearchParams({ dry_run: String(dryRun) });
    if (needsYear) query.set("year", year.trim());
    if (needsArea) query.set("area", area.trim());
    const type = kind === "calendar" ? "text/calendar" : "text/csv";
    setStatus(dryRun ? w.importChecking : w.importStoring);
    let refused: unknown = null;
    const outcome = await action.run(async () => {
      try {
        return await apiRaw<ImportOutcome>(
          "POST",
          `${cityPath(city.slug, "waste", "admin", "imports", kind)}?${query.toString()}`,
          file,
          type,
        );
      } catch (failure) {
        refused = failure;
        throw failure;
      }
    });
    setStatus("");
    if (outcome !== undefined) {
      setShown({ kind: dryRun ? "preview" : "done", outcome });
      setStatus(dryRun ? w.importPreviewReady(outcome.rows) : w.importDone(outcome.rows));
    } else {
      const errors = rowErrorsOf(refused);
      if (errors !== null) setShown({ kind: "refused", errors });
      else setProblem({ field: null, text: problemText(t, refused) });
    }
    // The result takes the focus, so it is read and the next step is close.
    setTimeout(() => result.current?.focus(), 0);
  };

  const kindLabel: Record<ImportKind, string> = {
    streets: w.kindStreets,
    dates: w.kindDates,
    calendar: w.kindCalendar,
  };
  const invalid = (field: "file" | "year" | "area") => problem?.field === field;
  const describedBy = (field: "file" | "year" | "area", hint: string | null) =>
    [hint, invalid(field) ? "waste-import-error" : null].filter((id) => id !== null).join(" ") || undefined;

  const labels: Record<string, string> = {
    areas: w.importAreas,
    streets: w.importStreets,
    rhythms: w.importRhythms,
    dates: w.importDates,
  };
  const counts = (outcome: ImportOutcome) => {
    const replaced = Object.entries(outcome.replaced ?? {});
    return (
      <>
        <dl class="counts">
          {(
            [
              [w.importRows, outcome.rows],
              [w.importAreas, outcome.areas],
              [w.importStreets, outcome.streets],
              [w.importRhythms, outcome.rhythms],
              [w.importDates, outcome.dates],
            ] as const
          ).map(([label, count]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{count}</dd>
            </div>
          ))}
        </dl>
        {replaced.length > 0 && (
          <p>
            {outcome.dry_run ? w.importReplaces : w.importReplaced} –{" "}
            {replaced.map(([what, count]) => `${labels[what] ?? what}: ${count}`).join(", ")}
          </p>
        )}
      </>
    );
  };

  return (
    <>
      <PageHeading>{w.importHeading}</PageHeading>
      <p>
        <Link href={wastePath()}>{w.backToAreas}</Link>
      </p>
      <p>{w.importIntro}</p>
      <form
        class="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void send(true);
        }}
      >
        <fieldset class="field-group">
          <legend>{w.importKind}</legend>
          {importKinds.map((k) => (
            <div class="checkbox" key={k}>
              <input
                type="radio"
                id={`waste-import-kind-${k}`}
                name="kind"
                value={k}
                checked={kind === k}
                onChange={() => {
                  setKind(k);
                  reset();
                }}
              />
              <label for={`waste-import-kind-${k}`}>{kindLabel[k]}</label>
            </div>
          ))}
        </fieldset>
        {needsYear && (
          <div class="field">
            <label for="waste-import-year">{w.importYear}</label>
            <input
              ref={yearInput}
              id="waste-import-year"
              name="year"
              type="number"
              inputMode="numeric"
              min="2000"
              max="2100"
              value={year}
              aria-invalid={invalid("year")}
              aria-describedby={describedBy("year", null)}
              onInput={(event) => {
                setYear(event.currentTarget.value);
                reset();
              }}
            />
          </div>
        )}
        {needsArea && (
          <div class="field">
            <label for="waste-import-area">{w.importArea}</label>
            <input
              ref={areaInput}
              id="waste-import-area"
              name="area"
              type="text"
              list="waste-import-areas"
              maxLength={20}
              value={area}
              aria-invalid={invalid("area")}
              aria-describedby={describedBy("area", null)}
              onInput={(event) => {
                setArea(event.currentTarget.value);
                reset();
              }}
            />
            <datalist id="waste-import-areas">
              {areaCodes.map((code) => (
                <option key={code} value={code} />
              ))}
            </datalist>
          </div>
        )}
        <div class="field">
          <label for="waste-import-file">{w.importFile}</label>
          <input
            ref={fileInput}
            id="waste-import-file"
            name="file"
            type="file"
            accept={kind === "calendar" ? ".ics,text/calendar" : ".csv,text/csv"}
            aria-invalid={invalid("file")}
            aria-describedby={describedBy("file", "waste-import-file-hint")}
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0] ?? null);
              reset();
            }}
          />
          <p id="waste-import-file-hint" class="hint">
            {w.importFileHint(kind)}
          </p>
        </div>
        <p id="waste-import-error" role="alert" class="form-error">
          {problem?.text ?? ""}
        </p>
        <div class="form-buttons">
          <button type="submit" class="button button-primary" aria-disabled={action.pending}>
            {w.importPreview}
          </button>
        </div>
      </form>
      <ImportResult
        idPrefix="waste-import"
        status={status}
        resultRef={result}
        shown={shown}
        counts={counts}
        onCommit={() => void send(false)}
        pending={action.pending}
        back={{ href: wastePath(), label: w.backToAreas }}
        messages={w}
      />
    </>
  );
}
