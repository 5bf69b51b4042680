// The inbox (GET …/reports/cases, paged by cursor, oldest first): filters by state, category,
// department, district, age and text, kept in the address (replaceState) so a reload or a shared
// link shows the same list; a map of the cases shown; several selected and rejected at once
// with a reason (POST …/reports/cases/reject).
import { useState } from "preact/hooks";
import { api, cityPath, pagePath } from "../../../api/http";
import { Link } from "../../../console/console_router";
import { ListFooter } from "../../../console/list_footer";
import { PageHeading } from "../../../console/page_heading";
import { usePagedList } from "../../../shared/use_paged_list";
import { problemText } from "../../../console/problem_text";
import { useModuleTitle } from "../../../console/editor/editor_city";
import { useAction } from "../../../console/use_action";
import { useI18n } from "../../../i18n";
import { PointsMapView } from "../report_map";
import { categoryOf, isOpenStatus, reportStatuses, statusLabel } from "../reports_types";
import { useReportsConsoleMessages } from "./messages";
import { casePath } from "./paths";
import type { ReportsCity } from "./reports_console";
import type { CaseSummary } from "./types";

interface Filters {
  status: string;
  category: string;
  department: string;
  district: string;
  older_than_days: string;
  q: string;
}

const filterKeys: (keyof Filters)[] = ["status", "category", "department", "district", "older_than_days", "q"];

function fromAddress(): Filters {
  const query = new URLSearchParams(location.search);
  const filters = Object.fromEntries(filterKeys.map((k) => [k, query.get(k) ?? ""])) as unknown as Filters;
  // Without a choice the inbox shows the open cases.
  if (!query.has("status")) filters.status = "open";
  return filters;
}

function queryOf(filters: Filters): string {
  const query = new URLSearchParams();
  for (const key of filterKeys) if (filters[key] !== "") query.set(key, filters[key]);
  return query.toString();
}

export function Inbox({ reportsCity }: { reportsCity: ReportsCity }) {
  const { t, lang, formatDateTime } = useI18n();
  const r = useReportsConsoleMessages();
  const title = useModuleTitle("reports");
  const { settings } = reportsCity;
  const [shown, setShown] = useState<Filters>(fromAddress);
  const [typed, setTyped] = useState<Filters>(shown);
  const [selected, setSelected] = useState<number[]>([]);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState("");
  const [status, setStatus] = useState("");
  const [showMap, setShowMap] = useState(false);
  const reject = useAction();

  const show = (next: Filters) => {
    setShown(next);
    setSelected([]);
    const search = queryOf(next);
    history.replaceState(null, "", `${location.pathname}?${search === "" ? "status=" : search}`);
  };
  const search = queryOf(shown);
  const base = cityPath(reportsCity.slug, "reports", "cases");
  const list = usePagedList<CaseSummary>(pagePath(search === "" ? base : `${base}?${search}`, 50, null));
  const categoryTitle = (code: string) => {
    const c = categoryOf(settings, code);
    return c === undefined ? code : c.title[lang] || c.title.de;
  };
  const district = (id: string | null) =>
    id === null ? "" : (reportsCity.districts.find((d) => d.id === id)?.name ?? id);
  const department = (id: string) => settings.departments.find((d) => d.id === id)?.name ?? id;

  const select = (field: keyof Filters, label: string, any: string, options: { value: string; label: string }[]) => (
    <div class="field">
      <label for={`reports-filter-${field}`}>{label}</label>
      <select
        id={`reports-filter-${field}`}
        value={typed[field]}
        onChange={(event) => setTyped({ ...typed, [field]: event.currentTarget.value })}
      >
        <option value="">{any}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  const rejectSelected = async () => {
    setStatus("");
    setReasonError("");
    if (selected.length === 0) {
      setReasonError(r.noneSelected);
      return;
    }
    if (reason.trim() === "") {
      setReasonError(r.reasonMissing);
      document.getElementById("reports-reject-reason")?.focus();
      return;
    }
    const answer = await reject.run(() =>
      api<{ rejected: number }>("POST", cityPath(reportsCity.slug, "reports", "cases", "reject"), {
        ids: selected,
        reason: reason.trim(),
      }),
    );
    if (answer === undefined) return;
    setStatus(r.rejected(answer.rejected));
    setSelected([]);
    setReason("");
    list.reload();
  };

  const points = list.items.flatMap((c) =>
    c.lat === null || c.lon === null
      ? []
      : [
          {
            id: c.id,
            lat: c.lat,
            lon: c.lon,
            open: isOpenStatus(c.status),
            label: `${c.id}: ${categoryTitle(c.category)} (${statusLabel(c.status, lang)})`,
            href: casePath(c.id),
          },
        ],
  );

  return (
    <>
      <PageHeading>{title}</PageHeading>
      <p>{r.intro}</p>
      <form
        class="field-row reports-filters"
        role="search"
        aria-label={r.filters}
        onSubmit={(event) => {
          event.preventDefault();
          show({ ...typed, q: typed.q.trim(), older_than_days: typed.older_than_days.trim() });
        }}
      >
        <div class="field">
          <label for="reports-filter-status">{r.status}</label>
          <select
            id="reports-filter-status"
            value={typed.status}
            onChange={(event) => setTyped({ ...typed, status: event.currentTarget.value })}
          >
            <option value="">{r.anyStatus}</option>
            <option value="open">{r.openStatuses}</option>
            <option value="closed">{r.closedStatuses}</option>
            {reportStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s, lang)}
              </option>
            ))}
          </select>
        </div>
        {select(
          "category",
          r.category,
          r.anyCategory,
          settings.categories.map((c) => ({ value: c.code, label: c.title[lang] || c.title.de })),
        )}
        {select(
          "department",
          r.department,
          r.anyDepartment,
          settings.departments.map((d) => ({ value: d.id, label: d.name })),
        )}
        {select(
          "district",
          r.district,
          r.anyDistrict,
          reportsCity.districts.map((d) => ({ value: d.id, label: d.name })),
        )}
        <div class="field">
          <label for="reports-filter-age">{r.olderThan}</label>
          <input
            id="reports-filter-age"
            type="number"
            min="0"
            max="3650"
            step="1"
            inputMode="numeric"
            value={typed.older_than_days}
            onInput={(event) => setTyped({ ...typed, older_than_days: event.currentTarget.value })}
          />
        </div>
        <div class="field">
          <label for="reports-filter-q">{r.search}</label>
          <input
            id="reports-filter-q"
            type="search"
            maxLength={100}
            value={typed.q}
            onInput={(event) => setTyped({ ...typed, q: event.currentTarget.value })}
          />
        </div>
        <button type="submit" class="button">
          {r.apply}
        </button>
      </form>

      <p>
        <button type="button" class="button" aria-expanded={showMap} onClick={() => setShowMap(!showMap)}>
          {r.showMap}
        </button>
      </p>
      {showMap && <PointsMapView area={reportsCity.map} points={points} label={r.mapLabel} />}

      <p role="status" class="status-message">
        {status}
      </p>
      <div class="table-wrap">
        <table class="reports-inbox">
          <caption>{r.inboxCaption(reportsCity.name)}</caption>
          <thead>
            <tr>
              <th scope="col">
                <span class="visually-hidden">{r.colSelect}</span>
              </th>
              <th scope="col">{r.colNumber}</th>
              <th scope="col">{r.colCategory}</th>
              <th scope="col">{r.colStatus}</th>
              <th scope="col">{r.colPlace}</th>
              <th scope="col">{r.colCreated}</th>
              <th scope="col">{r.colPublic}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((c) => (
              <tr key={c.id}>
                <td>
                  <input
                    type="checkbox"
                    class="row-select"
                    aria-label={r.select(c.id)}
                    checked={selected.includes(c.id)}
                    onChange={(event) => {
                      const on = event.currentTarget.checked;
                      setSelected((old) => (on ? [...old, c.id] : old.filter((id) => id !== c.id)));
                    }}
                  />
                </td>
                <th scope="row">
                  <Link href={casePath(c.id)}>{c.id}</Link>
                </th>
                <td>
                  {categoryTitle(c.category)}
                  <div class="muted">{department(c.department)}</div>
                </td>
                <td>
                  <span class={`case-status case-status-${c.status}`}>{statusLabel(c.status, lang)}</span>
                </td>
                <td>
                  {c.address !== "" ? c.address : district(c.district)}
                  {c.address !== "" && c.district !== null && <div class="muted">{district(c.district)}</div>}
                  <div class="case-excerpt">{c.description}</div>
                </td>
                <td>
                  <time dateTime={c.created_at}>{formatDateTime(c.created_at)}</time>
                </td>
                <td>{c.published ? r.yes : r.no}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListFooter list={list} emptyText={r.noCases} />

      <section class="panel" aria-labelledby="reports-bulk-heading">
        <h2 id="reports-bulk-heading">{r.bulkHeading}</h2>
        <p role="status">{r.selected(selected.length)}</p>
        <div class="field">
          <label for="reports-reject-reason">{r.reason}</label>
          <input
            id="reports-reject-reason"
            type="text"
            maxLength={2000}
            value={reason}
            aria-invalid={reasonError === r.reasonMissing}
            aria-describedby="reports-reject-reason-hint reports-reject-error"
            onInput={(event) => setReason(event.currentTarget.value)}
          />
          <p id="reports-reject-reason-hint" class="hint">
            {r.reasonHint}
          </p>
        </div>
        <p id="reports-reject-error" role="alert" class="form-error">
          {reasonError !== "" ? reasonError : reject.error === null ? "" : problemText(t, reject.error)}
        </p>
        <button type="button" class="button" aria-disabled={reject.pending} onClick={() => void rejectSelected()}>
          {r.rejectSelected}
        </button>
      </section>
    </>
  );
}
