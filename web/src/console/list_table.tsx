// The pieces of the console's tables: the outcome of the last row action, the table with its
// caption and column heads, and a row's action button that names its row for screen readers.
import type { ComponentChildren } from "preact";
import { useI18n } from "../i18n";
import { problemText } from "./problem_text";
import type { Action } from "./use_action";

/** What the last action did (status) or why it failed (alert), above the table. */
export function ActionOutcome({ status, action }: { status: string; action: Action }) {
  const { t } = useI18n();
  return (
    <>
      <p role="status" class="status-message">
        {status}
      </p>
      <p role="alert" class="form-error">
        {action.error === null ? "" : problemText(t, action.error)}
      </p>
    </>
  );
}

/** A table of rows with a last "actions" column; `children` are the rows. */
export function ListTable({
  caption,
  columns,
  children,
}: {
  caption: string;
  /** The column heads before the actions column. */
  columns: string[];
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {column}
              </th>
            ))}
            <th scope="col">{t.actions}</th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A button in a row's actions: "Delete (Title)" to a screen reader. */
export function RowButton({
  label,
  row,
  onClick,
  action,
  id,
}: {
  label: string;
  /** The row's name, read after the label. */
  row: string;
  onClick: () => void;
  /** While it runs, the button is aria-disabled. */
  action?: Action;
  id?: string;
}) {
  return (
    <button type="button" class="button" id={id} onClick={onClick} aria-disabled={action?.pending}>
      {label}
      <span class="visually-hidden"> ({row})</span>
    </button>
  );
}
