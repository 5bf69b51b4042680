// A case (GET …/reports/cases/{id}): what was reported, by whom (personal data, staff only), its
// photos (hide from the public / show again: PATCH …/photos/{n}), the work form (status with
// forwarded_to / duplicate_of, the public answer, an internal note, category and department,
// approval) sent as one PATCH of the fields that changed, and the whole history, internal
// entries marked.
import { useEffect, useState } from "preact/hooks";
import { api, cityPath } from "../../../api/http";
import { useConsole } from "../../../console/console_context";
import { Link } from "../../../console/console_router";
import {
  CheckboxField,
  ErrorSummary,
  TextArea,
  TextField,
  useFormKit,
  controlAria,
  LabelledField,
} from "../../../console/editor/form_kit";
import { PageHeading } from "../../../console/page_heading";
import { isSessionLost, problemText } from "../../../console/problem_text";
import { useAction } from "../../../console/use_action";
import { useI18n } from "../../../i18n";
import { categoryOf, reportStatuses, statusLabel, type ReportStatus } from "../reports_types";
import { useReportsConsoleMessages } from "./messages";
import { casePath } from "./paths";
import type { ReportsCity } from "./reports_console";
import type { CaseChange, CaseDetail as Case } from "./types";

function useCase(id: number): [Case | null, unknown, (c: Case) => void] {
  const { city, sessionLost } = useConsole();
  const [data, setData] = useState<Case | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let current = true;
    api<Case>("GET", cityPath(city.slug, "reports", "cases", id)).then(
      (c) => current && setData(c),
      (failure: unknown) => {
        if (isSessionLost(failure)) sessionLost();
        if (current) setError(failure);
      },
    );
    return () => {
      current = false;
    };
  }, [city.slug, id]);
  return [data, error, setData];
}

function Photos({ data, onChange }: { data: Case; onChange: (c: Case) => void }) {
  const { t } = useI18n();
  const r = useReportsConsoleMessages();
  const { city } = useConsole();
  const action = useAction();
  const [status, setStatus] = useState("");
  if (data.photos.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="case-photos-heading">
      <h2 id="case-photos-heading">{r.photos}</h2>
      <ul class="case-photos">
        {data.photos.map((photo, i) => {
          const n = photo.position ?? i + 1;
          const hidden = photo.hidden === true;
          return (
            <li key={photo.url} class={hidden ? "photo-hidden" : undefined}>
              <a href={photo.url} target="_blank" rel="noopener">
                <img src={photo.thumbnail_url} alt={r.photo(n)} width={160} height={160} />
              </a>
              {hidden && <span class="badge">{r.hidden}</span>}
              <button
                type="button"
                class="button"
                aria-disabled={action.pending}
                onClick={async () => {
                  setStatus("");
                  const done = await action.run(async () => {
                    await api<unknown>("PATCH", cityPath(city.slug, "reports", "cases", data.id, "photos", n), {
                      hidden: !hidden,
                    });
                    return true;
                  });
                  if (done === undefined) return;
                  const fresh = await api<Case>("GET", cityPath(city.slug, "reports", "cases", data.id)).catch(
                    () => null,
                  );
                  onChange(
                    fresh ?? {
                      ...data,
                      photos: data.photos.map((p, j) => (j === i ? { ...p, hidden: !hidden } : p)),
                    },
                  );
                  setStatus(hidden ? r.photoShown(n) : r.photoHidden(n));
                }}
              >
                {hidden ? r.showPhoto(n) : r.hidePhoto(n)}
              </button>
            </li>
          );
        })}
      </ul>
      <p role="status" class="status-message">
        {status}
      </p>
      <p role="alert" class="form-error">
        {action.error === null ? "" : problemText(t, action.error)}
      </p>
    </section>
  );
}

function WorkForm({
  data,
  reportsCity,
  onSaved,
}: {
  data: Case;
  reportsCity: ReportsCity;
  onSaved: (c: Case) => void;
}) {
  const { lang } = useI18n();
  const r = useReportsConsoleMessages();
  const { city } = useConsole();
  const kit = useFormKit("case");
  const action = useAction();
  const { settings } = reportsCity;
  const [status, setStatus] = useState<ReportStatus>(data.status);
  const [forwardedTo, setForwardedTo] = useState(data.forwarded_to ?? "");
  const [duplicateOf, setDuplicateOf] = useState(data.duplicate_of === null ? "" : String(data.duplicate_of));
  const [answer, setAnswer] = useState(data.public_answer);
  const [comment, setComment] = useState("");
  const [category, setCategory] = useState(data.category);
  const [department, setDepartment] = useState(data.department);
  const [published, setPublished] = useState(data.published);
  const [outcome, setOutcome] = useState("");

  const submit = async () => {
    kit.clear();
    setOutcome("");
    const change: CaseChange = {};
    if (status !== data.status) change.status = status;
    if (status === "forwarded") {
      if (forwardedTo.trim() === "") return kit.fail({ field: "forwarded_to", message: r.forwardedMissing });
      if (forwardedTo.trim() !== (data.forwarded_to ?? "")) change.forwarded_to = forwardedTo.trim();
    }
    if (status === "duplicate") {
      const first = Number(duplicateOf);
      if (!Number.isInteger(first) || first <= 0)
        return kit.fail({ field: "duplicate_of", message: r.duplicateMissing });
      if (first !== data.duplicate_of) change.duplicate_of = first;
    }
    if (answer !== data.public_answer) change.public_answer = answer;
    if (comment.trim() !== "") change.comment = comment.trim();
    if (category !== data.category) change.category = category;
    if (department !== data.department) change.department = department;
    if (published !== data.published) change.published = published;
    if (Object.keys(change).length === 0) {
      setOutcome(r.noChange);
      return;
    }
    let failure: unknown = null;
    const saved = await action.run(async () => {
      try {
        return await api<Case>("PATCH", cityPath(city.slug, "reports", "cases", data.id), change);
      } catch (error) {
        failure = error;
        throw error;
      }
    });
    if (saved === undefined) {
      kit.fail(failure);
      return;
    }
    setComment("");
    setOutcome(r.saved);
    onSaved(saved);
  };

  // The form follows the saved case (the server may have changed more, e.g. published).
  useEffect(() => {
    setStatus(data.status);
    setForwardedTo(data.forwarded_to ?? "");
    setDuplicateOf(data.duplicate_of === null ? "" : String(data.duplicate_of));
    setAnswer(data.public_answer);
    setCategory(data.category);
    setDepartment(data.department);
    setPublished(data.published);
  }, [data]);

  return (
    <section class="panel" aria-labelledby="case-work-heading">
      <h2 id="case-work-heading">{r.workHeading}</h2>
      <form
        ref={kit.form}
        class="form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ErrorSummary kit={kit} />
        <LabelledField kit={kit} name="status" label={r.newStatus} hint={undefined}>
          <select
            id={kit.id("status")}
            name="status"
            value={status}
            {...controlAria(kit, "status", undefined)}
            onChange={(event) => setStatus(event.currentTarget.value as ReportStatus)}
          >
            {reportStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabel(s, lang)}
              </option>
            ))}
          </select>
        </LabelledField>
        {status === "forwarded" && (
          <TextField
            kit={kit}
            name="forwarded_to"
            label={r.forwardedTo}
            hint={r.forwardedHint}
            required
            maxLength={200}
            value={forwardedTo}
            onValue={setForwardedTo}
          />
        )}
        {status === "duplicate" && (
          <TextField
            kit={kit}
            name="duplicate_of"
            label={r.duplicateOf}
            type="number"
            step="1"
            inputMode="numeric"
            required
            value={duplicateOf}
            onValue={setDuplicateOf}
          />
        )}
        <TextArea
          kit={kit}
          name="public_answer"
          label={r.publicAnswer}
          hint={r.publicAnswerHint}
          maxLength={2000}
          value={answer}
          onValue={setAnswer}
        />
        <TextArea
          kit={kit}
          name="comment"
          label={r.comment}
          hint={r.commentHint}
          maxLength={2000}
          rows={3}
          value={comment}
          onValue={setComment}
        />
        <fieldset class="field-group">
          <legend>{r.reassign}</legend>
          <LabelledField kit={kit} name="category" label={r.category} hint={undefined}>
            <select
              id={kit.id("category")}
              name="category"
              value={category}
              {...controlAria(kit, "category", undefined)}
              onChange={(event) => setCategory(event.currentTarget.value)}
            >
              {!settings.categories.some((c) => c.code === category) && <option value={category}>{category}</option>}
              {settings.categories.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.title[lang] || c.title.de}
                </option>
              ))}
            </select>
          </LabelledField>
          <LabelledField kit={kit} name="department" label={r.department} hint={undefined}>
            <select
              id={kit.id("department")}
              name="department"
              value={department}
              {...controlAria(kit, "department", undefined)}
              onChange={(event) => setDepartment(event.currentTarget.value)}
            >
              {!settings.departments.some((d) => d.id === department) && (
                <option value={department}>{department}</option>
              )}
              {settings.departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </LabelledField>
        </fieldset>
        <CheckboxField
          kit={kit}
          name="published"
          label={r.publish}
          hint={r.publishHint}
          checked={published}
          onChecked={setPublished}
        />
        <div class="form-buttons">
          <button type="submit" class="button button-primary" aria-disabled={action.pending}>
            {r.saveCase}
          </button>
        </div>
        <p role="status" class="status-message">
          {outcome}
        </p>
      </form>
    </section>
  );
}

export function CaseDetail({ id, reportsCity }: { id: number; reportsCity: ReportsCity }) {
  const { t, lang, formatDateTime } = useI18n();
  const r = useReportsConsoleMessages();
  const [data, error, setData] = useCase(id);
  const category = data === null ? undefined : categoryOf(reportsCity.settings, data.category);
  const categoryName = category === undefined ? (data?.category ?? "") : category.title[lang] || category.title.de;
  const district =
    data?.district == null ? "" : (reportsCity.districts.find((d) => d.id === data.district)?.name ?? data.district);
  const answers = (category?.attributes ?? []).flatMap((a) => {
    const value = data?.attributes[a.code];
    if (value === undefined || value === null || value === "") return [];
    const keys = Array.isArray(value) ? value.map(String) : [String(value)];
    const text = keys.map((k) => a.options.find((o) => o.key === k)?.label[lang] ?? k).join(", ");
    return [{ label: a.label[lang] || a.label.de, text }];
  });

  return (
    <>
      <PageHeading>{data === null ? r.caseHeading(id, "") : r.caseHeading(id, categoryName)}</PageHeading>
      <p>
        <Link href={casePath()}>{r.backToInbox}</Link>
      </p>
      {data === null && error === null && <p role="status">{t.loading}</p>}
      {error !== null && (
        <p role="alert" class="form-error">
          {problemText(t, error)}
        </p>
      )}
      {data !== null && (
        <>
          <section class="panel" aria-labelledby="case-summary-heading">
            <h2 id="case-summary-heading">{r.summaryHeading}</h2>
            <dl class="case-facts">
              <div>
                <dt>{r.status}</dt>
                <dd>
                  <span class={`case-status case-status-${data.status}`}>{statusLabel(data.status, lang)}</span>
                  {data.forwarded_to !== null && data.forwarded_to !== "" && ` → ${data.forwarded_to}`}
                  {data.duplicate_of !== null && (
                    <>
                      {" → "}
                      <Link href={casePath(data.duplicate_of)}>{data.duplicate_of}</Link>
                    </>
                  )}
                </dd>
              </div>
              <div>
                <dt>{r.published}</dt>
                <dd>{data.published ? r.yes : r.notPublished}</dd>
              </div>
              <div>
                <dt>{r.department}</dt>
                <dd>
                  {reportsCity.settings.departments.find((d) => d.id === data.department)?.name ?? data.department}
                </dd>
              </div>
              <div>
                <dt>{r.address}</dt>
                <dd>
                  {data.address}
                  {district !== "" && ` (${district})`}
                </dd>
              </div>
              {data.lat !== null && data.lon !== null && (
                <div>
                  <dt>{r.position}</dt>
                  <dd>
                    {data.lat.toFixed(5)}, {data.lon.toFixed(5)} ·{" "}
                    <a
                      href={`https://www.openstreetmap.org/?mlat=${data.lat}&mlon=${data.lon}#map=18/${data.lat}/${data.lon}`}
                      target="_blank"
                      rel="noopener"
                    >
                      {r.onMap}
                    </a>
                  </dd>
                </div>
              )}
              <div>
                <dt>{r.created}</dt>
                <dd>{formatDateTime(data.created_at)}</dd>
              </div>
              <div>
                <dt>{r.updated}</dt>
                <dd>{formatDateTime(data.updated_at)}</dd>
              </div>
              <div>
                <dt>{r.supporters}</dt>
                <dd>{data.supporters}</dd>
              </div>
              {data.source !== undefined && (
                <div>
                  <dt>{r.source}</dt>
                  <dd>{data.source === "open311" ? r.sourceOpen311 : r.sourceApp}</dd>
                </div>
              )}
              <div>
                <dt>{r.reporter}</dt>
                <dd>
                  {data.personal_data_deleted
                    ? r.personalDeleted
                    : [data.name, data.email].filter((v) => v !== null && v !== "").join(", ") || r.noPersonal}
                </dd>
              </div>
            </dl>
            <h3>{r.description}</h3>
            <p class="case-description">{data.description}</p>
            {answers.length > 0 && (
              <>
                <h3>{r.answers}</h3>
                <dl class="case-facts">
                  {answers.map((a) => (
                    <div key={a.label}>
                      <dt>{a.label}</dt>
                      <dd>{a.text}</dd>
                    </div>
                  ))}
                </dl>
              </>
            )}
          </section>
          <Photos data={data} onChange={setData} />
          <WorkForm data={data} reportsCity={reportsCity} onSaved={setData} />
          <section class="panel" aria-labelledby="case-history-heading">
            <h2 id="case-history-heading">{r.historyHeading}</h2>
            <ol class="case-history">
              {data.history.map((entry, i) => (
                <li key={i} class={entry.internal === true ? "history-internal" : undefined}>
                  <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>{" "}
                  <strong>{r.kind[entry.kind ?? ""] ?? entry.kind ?? ""}</strong>
                  {entry.status !== null && `: ${statusLabel(entry.status, lang)}`}
                  {entry.internal === true && <span class="badge">{r.internal}</span>}
                  {entry.actor !== undefined && entry.actor !== "" && <span class="muted"> {r.by(entry.actor)}</span>}
                  {entry.text !== "" && <p>{entry.text}</p>}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </>
  );
}
