// An area's pickups of a year as computed (GET …/waste/admin/areas/{code}/dates?year=), cancelled
// ones included, with "correct this date": move one planned pickup to another date or cancel it
// (POST …/admin/changes), and undo a correction (DELETE …/admin/changes/{id}).
import { useEffect, useRef, useState } from "preact/hooks";
import { api, cityPath } from "../../../api/http";
import { useConsole } from "../../../console/console_context";
import { Link } from "../../../console/console_router";
import { todayInCity } from "../../../console/editor/city_time";
import { ErrorSummary, FieldGroup, TextField, useFormKit } from "../../../console/editor/form_kit";
import { ActionOutcome, ListTable, RowButton } from "../../../console/list_table";
import { PageHeading } from "../../../console/page_heading";
import { problemText } from "../../../console/problem_text";
import { useAction } from "../../../console/use_action";
import { useI18n } from "../../../i18n";
import { useWasteConsoleMessages } from "./messages";
import { wastePath } from "./paths";
import { itemsOf, type AdminPickup, type Change } from "./types";
import { useAdminAreas, useAdminData, useDayFormat, useTypeTitle, type WasteCity } from "./waste_city";

function rowId(p: AdminPickup): string {
  return `pickup-${p.type}-${p.planned}`;
}

function CorrectionForm({
  code,
  pickup,
  typeTitle,
  onDone,
  onCancel,
}: {
  code: string;
  pickup: AdminPickup;
  typeTitle: string;
  onDone: (change: Change) => void;
  onCancel: () => void;
}) {
  const w = useWasteConsoleMessages();
  const day = useDayFormat();
  const { city } = useConsole();
  const kit = useFormKit("waste-change");
  const action = useAction();
  const [mode, setMode] = useState<"move" | "cancel">("move");
  const [newDate, setNewDate] = useState(pickup.date);
  const [note, setNote] = useState("");
  const heading = useRef<HTMLHeadingElement>(null);
  // Opened by a row's button: the form's heading takes the focus.
  useEffect(() => heading.current?.focus(), []);

  return (
    <section class="panel panel-highlight" aria-labelledby="waste-change-heading">
      <h2 id="waste-change-heading" tabIndex={-1} ref={heading}>
        {w.correctHeading(typeTitle, day(pickup.planned))}
      </h2>
      <form
        ref={kit.form}
        class="form"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          kit.clear();
          if (mode === "move" && newDate === "") {
            kit.fail({ field: "new_date", message: w.newDateMissing });
            return;
          }
          const body = {
            area: code,
            type: pickup.type,
            date: pickup.planned,
            new_date: mode === "move" ? newDate : null,
            note,
          };
          let failure: unknown = null;
          const change = await action.run(async () => {
            try {
              return await api<Change>("POST", cityPath(city.slug, "waste", "admin", "changes"), body);
            } catch (error) {
              failure = error;
              throw error;
            }
          });
          if (change !== undefined) onDone(change);
          else kit.fail(failure);
        }}
      >
        <ErrorSummary kit={kit} />
        <FieldGroup kit={kit} name="mode" legend={w.correctHow}>
          <div class="checkbox">
            <input
              type="radio"
              id="waste-change-move"
              name="mode"
              checked={mode === "move"}
              onChange={() => setMode("move")}
            />
            <label for="waste-change-move">{w.correctMove}</label>
          </div>
          <div class="checkbox">
            <input
              type="radio"
              id="waste-change-cancel"
              name="mode"
              checked={mode === "cancel"}
              onChange={() => setMode("cancel")}
            />
            <label for="waste-change-cancel">{w.correctCancel}</label>
          </div>
        </FieldGroup>
        {mode === "move" && (
          <TextField kit={kit} name="new_date" label={w.newDate} type="date" value={newDate} onValue={setNewDate} />
        )}
        <TextField
          kit={kit}
          name="note"
          label={w.note}
          hint={w.noteHint}
          maxLength={200}
          value={note}
          onValue={setNote}
        />
        <div class="form-buttons">
          <button type="submit" class="button button-primary" aria-disabled={action.pending}>
            {w.save}
          </button>
          <button type="button" class="button" onClick={onCancel}>
            {w.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}

export function AreaDates({ code, wasteCity }: { code: string; wasteCity: WasteCity }) {
  const { t } = useI18n();
  const w = useWasteConsoleMessages();
  const { city } = useConsole();
  const day = useDayFormat();
  const typeTitle = useTypeTitle(wasteCity.types);
  const areas = useAdminAreas().load;
  const thisYear = Number(todayInCity(wasteCity.timeZone).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const path = `${cityPath(city.slug, "waste", "admin", "areas", code, "dates")}?year=${year}`;
  const { load, reload } = useAdminData(path, (body) => itemsOf<AdminPickup>(body));
  const rowAction = useAction();
  const [editing, setEditing] = useState<AdminPickup | null>(null);
  const [status, setStatus] = useState("");

  const area = areas.state === "ready" ? areas.data.items.find((a) => a.code === code) : undefined;
  const known = areas.state === "ready" ? areas.data.summary.years : [];
  const years = [...new Set([...known, thisYear - 1, thisYear, thisYear + 1])].sort((a, b) => a - b);

  const stateOf = (p: AdminPickup) =>
    p.cancelled
      ? w.statusCancelled
      : p.change_id !== null
        ? w.statusCorrected
        : p.planned !== p.date
          ? w.statusMoved
          : w.statusPlanned;

  const undo = async (p: AdminPickup) => {
    setStatus("");
    const what = [typeTitle(p.type), day(p.planned)] as const;
    if (p.change_id === null || !window.confirm(w.confirmUndo(...what))) return;
    const id = p.change_id;
    const done = await rowAction.run(async () => {
      await api<void>("DELETE", cityPath(city.slug, "waste", "admin", "changes", id));
      return true;
    });
    if (done === undefined) return;
    setStatus(w.correctionUndone(...what));
    reload();
  };

  return (
    <>
      <PageHeading>{w.datesHeading(code, area?.name ?? "")}</PageHeading>
      <p>
        <Link href={wastePath()}>{w.backToAreas}</Link>
      </p>
      <div class="field field-inline">
        <label for="waste-year">{w.year}</label>
        <select
          id="waste-year"
          value={String(year)}
          onChange={(event) => {
            setYear(Number(event.currentTarget.value));
            setEditing(null);
            setStatus("");
          }}
        >
          {years.map((y) => (
            <option key={y} value={String(y)}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <ActionOutcome status={status} action={rowAction} />
      {load.state === "loading" && <p role="status">{t.loading}</p>}
      {load.state === "failed" && (
        <p role="alert" class="form-error">
          {problemText(t, load.error)}
        </p>
      )}
      {load.state === "ready" && load.data.length === 0 && <p>{w.noDates}</p>}
      {load.state === "ready" && load.data.length > 0 && (
        <ListTable
          caption={w.datesCaption(code, String(year))}
          columns={[w.colDate, w.colType, w.colPlanned, w.colNote, w.colStatus]}
        >
          {load.data.map((p) => {
            const row = `${typeTitle(p.type)}, ${day(p.planned)}`;
            return (
              <tr key={rowId(p)} id={rowId(p)} class={p.cancelled ? "row-disabled" : undefined}>
                <th scope="row">{p.cancelled ? <del>{day(p.date)}</del> : day(p.date)}</th>
                <td>{typeTitle(p.type)}</td>
                <td>{p.planned !== p.date ? day(p.planned) : "–"}</td>
                <td>{p.note ?? ""}</td>
                <td>{stateOf(p)}</td>
                <td>
                  <div class="actions">
                    {p.change_id === null ? (
                      <RowButton
                        label={w.correct}
                        row={row}
                        onClick={() => {
                          setStatus("");
                          setEditing(p);
                        }}
                      />
                    ) : (
                      <RowButton label={w.undoCorrection} row={row} onClick={() => void undo(p)} action={rowAction} />
                    )}
                  </div>
                </td>
              </tr>
            );
          })}
        </ListTable>
      )}
      {editing !== null && (
        <CorrectionForm
          key={rowId(editing)}
          code={code}
          pickup={editing}
          typeTitle={typeTitle(editing.type)}
          onCancel={() => {
            const id = rowId(editing);
            setEditing(null);
            document.querySelector<HTMLButtonElement>(`#${CSS.escape(id)} button`)?.focus();
          }}
          onDone={() => {
            setStatus(w.corrected(typeTitle(editing.type), day(editing.planned)));
            setEditing(null);
            reload();
            document.getElementById("waste-year")?.focus();
          }}
        />
      )}
    </>
  );
}
