// The announced shifts (GET …/waste/admin/shifts) with "withdraw" (DELETE …/admin/shifts/{id}),
// and the form to announce one (POST …/admin/shifts): every pickup planned from–to moves by N
// days, for all or some waste types.
import { useState } from "preact/hooks";
import { api, cityPath } from "../../../api/http";
import { useConsole } from "../../../console/console_context";
import { Link } from "../../../console/console_router";
import { ErrorSummary, FieldGroup, TextField, useFormKit } from "../../../console/editor/form_kit";
import { ActionOutcome, ListTable, RowButton } from "../../../console/list_table";
import { PageHeading } from "../../../console/page_heading";
import { problemText } from "../../../console/problem_text";
import { useAction } from "../../../console/use_action";
import { useI18n } from "../../../i18n";
import { useWasteConsoleMessages } from "./messages";
import { wastePath } from "./paths";
import { itemsOf, type Shift } from "./types";
import { useAdminData, useDayFormat, useTypeTitle, type WasteCity } from "./waste_city";

function AnnounceForm({ wasteCity, onDone }: { wasteCity: WasteCity; onDone: (shift: Shift) => void }) {
  const w = useWasteConsoleMessages();
  const { lang } = useI18n();
  const { city } = useConsole();
  const kit = useFormKit("waste-shift");
  const action = useAction();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [days, setDays] = useState("1");
  const [types, setTypes] = useState<string[]>([]);
  const [reason, setReason] = useState("");

  return (
    <section class="panel" aria-labelledby="waste-shift-heading">
      <h2 id="waste-shift-heading">{w.announceHeading}</h2>
      <form
        ref={kit.form}
        class="form"
        noValidate
        onSubmit={async (event) => {
          event.preventDefault();
          kit.clear();
          if (from === "" || to === "") {
            kit.fail({ field: from === "" ? "from" : "to", message: w.datesMissing });
            return;
          }
          const shiftDays = Number(days);
          if (!Number.isInteger(shiftDays) || shiftDays === 0 || Math.abs(shiftDays) > 7) {
            kit.fail({ field: "days", message: w.daysInvalid });
            return;
          }
          let failure: unknown = null;
          const shift = await action.run(async () => {
            try {
              return await api<Shift>("POST", cityPath(city.slug, "waste", "admin", "shifts"), {
                from,
                to,
                days: shiftDays,
                types,
                reason,
              });
            } catch (error) {
              failure = error;
              throw error;
            }
          });
          if (shift === undefined) {
            kit.fail(failure);
            return;
          }
          setFrom("");
          setTo("");
          setDays("1");
          setTypes([]);
          setReason("");
          onDone(shift);
        }}
      >
        <ErrorSummary kit={kit} />
        <TextField kit={kit} name="from" label={w.from} type="date" required value={from} onValue={setFrom} />
        <TextField kit={kit} name="to" label={w.to} hint={w.toHint} type="date" required value={to} onValue={setTo} />
        <TextField
          kit={kit}
          name="days"
          label={w.shiftDays}
          hint={w.shiftDaysHint}
          type="number"
          step="1"
          inputMode="numeric"
          required
          value={days}
          onValue={setDays}
        />
        <FieldGroup kit={kit} name="types" legend={w.typesLegend} hint={w.typesHint}>
          <div class="checkbox-grid">
            {wasteCity.types.map((type) => (
              <div class="checkbox" key={type.slug}>
                <input
                  type="checkbox"
                  id={`waste-shift-type-${type.slug}`}
                  checked={types.includes(type.slug)}
                  onChange={(event) => {
                    const on = event.currentTarget.checked;
                    setTypes((old) => (on ? [...old, type.slug] : old.filter((s) => s !== type.slug)));
                  }}
                />
                <label for={`waste-shift-type-${type.slug}`}>{type.title[lang]}</label>
              </div>
            ))}
          </div>
        </FieldGroup>
        <TextField
          kit={kit}
          name="reason"
          label={w.reason}
          hint={w.reasonHint}
          maxLength={200}
          value={reason}
          onValue={setReason}
        />
        <div class="form-buttons">
          <button type="submit" class="button button-primary" aria-disabled={action.pending}>
            {w.announce}
          </button>
        </div>
      </form>
    </section>
  );
}

export function ShiftsPage({ wasteCity }: { wasteCity: WasteCity }) {
  const { t } = useI18n();
  const w = useWasteConsoleMessages();
  const { city } = useConsole();
  const day = useDayFormat();
  const typeTitle = useTypeTitle(wasteCity.types);
  const { load, reload } = useAdminData(cityPath(city.slug, "waste", "admin", "shifts"), (body) =>
    itemsOf<Shift>(body).sort((a, b) => a.from.localeCompare(b.from)),
  );
  const rowAction = useAction();
  const [status, setStatus] = useState("");
  const period = (s: Shift) => `${day(s.from)} – ${day(s.to)}`;

  const withdraw = async (shift: Shift) => {
    setStatus("");
    if (!window.confirm(w.confirmWithdraw(period(shift)))) return;
    const done = await rowAction.run(async () => {
      await api<void>("DELETE", cityPath(city.slug, "waste", "admin", "shifts", shift.id));
      return true;
    });
    if (done === undefined) return;
    setStatus(w.withdrawn(period(shift)));
    reload();
  };

  return (
    <>
      <PageHeading>{w.shiftsHeading}</PageHeading>
      <p>
        <Link href={wastePath()}>{w.backToAreas}</Link>
      </p>
      <p>{w.shiftsIntro}</p>
      <ActionOutcome status={status} action={rowAction} />
      {load.state === "loading" && <p role="status">{t.loading}</p>}
      {load.state === "failed" && (
        <p role="alert" class="form-error">
          {problemText(t, load.error)}
        </p>
      )}
      {load.state === "ready" && load.data.length === 0 && <p>{w.noShifts}</p>}
      {load.state === "ready" && load.data.length > 0 && (
        <ListTable caption={w.shiftsCaption} columns={[w.colPeriod, w.colDays, w.colTypes, w.colReason]}>
          {load.data.map((shift) => (
            <tr key={shift.id}>
              <th scope="row">{period(shift)}</th>
              <td>{w.days(shift.days)}</td>
              <td>{shift.types.length === 0 ? w.allTypes : shift.types.map(typeTitle).join(", ")}</td>
              <td>{shift.reason}</td>
              <td>
                <div class="actions">
                  <RowButton
                    label={w.withdraw}
                    row={period(shift)}
                    onClick={() => void withdraw(shift)}
                    action={rowAction}
                  />
                </div>
              </td>
            </tr>
          ))}
        </ListTable>
      )}
      <AnnounceForm
        wasteCity={wasteCity}
        onDone={(shift) => {
          setStatus(w.announced(period(shift)));
          reload();
        }}
      />
    </>
  );
}
