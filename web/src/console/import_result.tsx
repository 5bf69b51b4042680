// The status line and the result area of a console import screen (events, waste): after a
// preview the counts and the button that imports the same file, after the import the counts and a link back, or, when the file
// is refused, the errors per line in a table. The area takes the focus once a result is shown.
import type { ComponentChildren, Ref } from "preact";
import { Link } from "./console_router";

/** One refused row of an import file. */
export interface ImportRowError {
  line: number | null;
  field: string | null;
  message: string;
}

/** What the result area shows: nothing yet, a preview or a done import, or the refused rows. */
export type ImportShown<O> =
  { kind: "preview" | "done"; outcome: O } | { kind: "refused"; errors: ImportRowError[] } | null;

/** The texts of the result area, as the modules' console messages name them. */
export interface ImportResultMessages {
  importPreviewHeading: string;
  importResultHeading: string;
  importCommit: string;
  importErrorsHeading: (count: number) => string;
  importErrorsCaption: string;
  importLine: string;
  importField: string;
  importMessage: string;
}

export function ImportResult<O>({
  idPrefix,
  status,
  resultRef,
  shown,
  counts,
  onCommit,
  pending,
  back,
  messages,
}: {
  /** Prefix of the headings' ids ("import" gives import-result-heading, import-errors-heading). */
  idPrefix: string;
  /** The text of the status line (checking, storing, what the preview or the import found). */
  status: string;
  /** The focusable area, so the screen can move the focus to a new result. */
  resultRef: Ref<HTMLDivElement>;
  shown: ImportShown<O>;
  /** The counts of an outcome. */
  counts: (outcome: O) => ComponentChildren;
  /** Imports the previewed file. */
  onCommit: () => void;
  pending: boolean;
  /** The link shown after the import. */
  back: { href: string; label: string };
  messages: ImportResultMessages;
}) {
  const m = messages;
  return (
    <>
      <p role="status" class="status-message">
        {status}
      </p>
      <div ref={resultRef} tabIndex={-1} class="import-result">
        {shown !== null && shown.kind !== "refused" && (
          <section class="panel" aria-labelledby={`${idPrefix}-result-heading`}>
            <h2 id={`${idPrefix}-result-heading`}>
              {shown.kind === "preview" ? m.importPreviewHeading : m.importResultHeading}
            </h2>
            {counts(shown.outcome)}
            {shown.kind === "preview" && (
              <button type="button" class="button button-primary" onClick={onCommit} aria-disabled={pending}>
                {m.importCommit}
              </button>
            )}
            {shown.kind === "done" && (
              <p>
                <Link href={back.href}>{back.label}</Link>
              </p>
            )}
          </section>
        )}
        {shown !== null && shown.kind === "refused" && (
          <section class="panel panel-error" aria-labelledby={`${idPrefix}-errors-heading`}>
            <h2 id={`${idPrefix}-errors-heading`}>{m.importErrorsHeading(shown.errors.length)}</h2>
            <div class="table-wrap">
              <table>
                <caption>{m.importErrorsCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.importLine}</th>
                    <th scope="col">{m.importField}</th>
                    <th scope="col">{m.importMessage}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.errors.map((error, i) => (
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
