// City admins: the city's staff, a new staff member, disable/enable, a new password.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, cityPath, pagePath } from "../api/http";
import type { SessionCity, StaffMember } from "../api/types";
import { useI18n, type Messages } from "../i18n";
import { useConsole } from "./console_context";
import { ListFooter } from "./list_footer";
import { ActionOutcome, ListTable, RowButton } from "./list_table";
import { PageHeading } from "./page_heading";
import { usePagedList } from "../shared/use_paged_list";
import { problemText } from "./problem_text";
import { describeRole } from "./roles";
import { problemField, useAction } from "./use_action";

type StatusMessage = ((t: Messages) => string) | null;

export function StaffPage() {
  const { t, lang, formatDateTime } = useI18n();
  const { city, session } = useConsole();
  const list = usePagedList<StaffMember>(pagePath(cityPath(city.slug, "staff"), 50, null));
  const rowAction = useAction();
  const [status, setStatus] = useState<StatusMessage>(null);
  const [resetFor, setResetFor] = useState<StaffMember | null>(null);

  const toggleDisabled = async (member: StaffMember) => {
    setStatus(null);
    const updated = await rowAction.run(() =>
      api<StaffMember>("PATCH", cityPath(city.slug, "staff", member.id), { disabled: !member.disabled }),
    );
    if (updated === undefined) return;
    list.replace((m) => m.id === member.id, updated);
    const name = updated.display_name;
    setStatus(() => (tt: Messages) => (updated.disabled ? tt.staffDisabledDone(name) : tt.staffEnabledDone(name)));
  };

  const closeReset = (member: StaffMember) => {
    setResetFor(null);
    document.getElementById(`reset-${member.id}`)?.focus();
  };

  return (
    <>
      <PageHeading>{t.staffHeading}</PageHeading>
      <ActionOutcome status={status === null ? "" : status(t)} action={rowAction} />
      <ListTable
        caption={t.staffTableCaption(city.name)}
        columns={[t.staffName, t.staffEmail, t.staffRoles, t.staffStatus, t.staffLastLogin]}
      >
        {list.items.map((m) => (
          <tr key={m.id} class={m.disabled ? "row-disabled" : undefined}>
            <th scope="row">{m.display_name}</th>
            <td>{m.email}</td>
            <td>{m.roles.map((r) => describeRole(r, t, city.modules, lang)).join(", ")}</td>
            <td>{m.disabled ? t.staffDisabled : t.staffActive}</td>
            <td>
              {m.last_login_at === null ? (
                t.never
              ) : (
                <time dateTime={m.last_login_at}>{formatDateTime(m.last_login_at)}</time>
              )}
            </td>
            <td>
              <div class="actions">
                {/* Nobody disables their own account (the server refuses it too). */}
                {m.id !== session.user.id && (
                  <RowButton
                    label={m.disabled ? t.enable : t.disable}
                    row={m.display_name}
                    onClick={() => toggleDisabled(m)}
                    action={rowAction}
                  />
                )}
                <RowButton
                  label={t.resetPassword}
                  row={m.display_name}
                  id={`reset-${m.id}`}
                  onClick={() => {
                    setStatus(null);
                    setResetFor(m);
                  }}
                />
              </div>
            </td>
          </tr>
        ))}
      </ListTable>
      <ListFooter list={list} emptyText={t.staffEmpty} />
      {resetFor !== null && (
        <ResetPasswordForm
          key={resetFor.id}
          member={resetFor}
          onCancel={() => closeReset(resetFor)}
          onDone={() => {
            const name = resetFor.display_name;
            setStatus(() => (tt: Messages) => tt.passwordChanged(name));
            closeReset(resetFor);
          }}
        />
      )}
      <CreateStaffForm
        city={city}
        onCreated={(member) => {
          const name = member.display_name;
          setStatus(() => (tt: Messages) => tt.staffCreated(name));
          list.reload();
        }}
      />
    </>
  );
}

function ResetPasswordForm({
  member,
  onCancel,
  onDone,
}: {
  member: StaffMember;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const { city } = useConsole();
  const action = useAction();
  const [password, setPassword] = useState("");
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const updated = await action.run(() =>
      api<StaffMember>("PATCH", cityPath(city.slug, "staff", member.id), { password }),
    );
    if (updated !== undefined) onDone();
  };

  return (
    <section class="panel" aria-labelledby="reset-heading">
      <h2 id="reset-heading">{t.resetPasswordFor(member.display_name)}</h2>
      <form class="form" onSubmit={submit}>
        <div class="field">
          <label for="reset-password">{t.newPassword}</label>
          <input
            ref={input}
            id="reset-password"
            type="password"
            autocomplete="new-password"
            required
            minLength={12}
            value={password}
            aria-describedby="reset-password-hint reset-error"
            aria-invalid={action.error !== null}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <p id="reset-password-hint" class="hint">
            {t.passwordHint}
          </p>
        </div>
        <p id="reset-error" role="alert" class="form-error">
          {action.error === null ? "" : problemText(t, action.error)}
        </p>
        <div class="form-buttons">
          <button type="submit" class="button button-primary" aria-disabled={action.pending}>
            {action.pending ? t.saving : t.save}
          </button>
          <button type="button" class="button" onClick={onCancel}>
            {t.cancel}
          </button>
        </div>
      </form>
    </section>
  );
}

/** The roles a city admin can hand out in `city`. */
function assignableRoles(city: SessionCity): string[] {
  return [
    `editor:${city.slug}`,
    `city-admin:${city.slug}`,
    ...city.modules.map((m) => `case-worker:${city.slug}:${m.name}`),
  ];
}

function CreateStaffForm({ city, onCreated }: { city: SessionCity; onCreated: (member: StaffMember) => void }) {
  const { t, lang } = useI18n();
  const action = useAction();
  const roles = assignableRoles(city);
  const [email, setEmail] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState(roles[0] ?? "");
  const form = useRef<HTMLFormElement>(null);
  const badField = problemField(action.error);

  // A rejected field (e.g. a weak password) gets the focus, so the message is read with it.
  useEffect(() => {
    if (badField === null) return;
    const target = form.current?.querySelector<HTMLElement>(`[name="${badField}"]`);
    target?.focus();
  }, [action.error]);

  const submit = async (event: Event) => {
    event.preventDefault();
    const created = await action.run(() =>
      api<StaffMember>("POST", cityPath(city.slug, "staff"), {
        email: email.trim(),
        display_name: displayName.trim(),
        password,
        roles: [role],
      }),
    );
    if (created === undefined) return;
    setEmail("");
    setDisplayName("");
    setPassword("");
    onCreated(created);
  };

  const invalid = (name: string) => badField === name;
  return (
    <section class="panel" aria-labelledby="create-staff-heading">
      <h2 id="create-staff-heading">{t.staffCreateHeading}</h2>
      <form class="form" ref={form} onSubmit={submit}>
        <div class="field">
          <label for="staff-email">{t.email}</label>
          <input
            id="staff-email"
            name="email"
            type="email"
            autocomplete="off"
            required
            maxLength={254}
            value={email}
            aria-invalid={invalid("email")}
            aria-describedby={invalid("email") ? "create-staff-error" : undefined}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="staff-name">{t.displayName}</label>
          <input
            id="staff-name"
            name="display_name"
            type="text"
            autocomplete="off"
            required
            maxLength={200}
            value={displayName}
            aria-invalid={invalid("display_name")}
            aria-describedby={invalid("display_name") ? "create-staff-error" : undefined}
            onInput={(e) => setDisplayName(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="staff-password">{t.password}</label>
          <input
            id="staff-password"
            name="password"
            type="password"
            autocomplete="new-password"
            required
            minLength={12}
            value={password}
            aria-invalid={invalid("password")}
            aria-describedby={`staff-password-hint${invalid("password") ? " create-staff-error" : ""}`}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <p id="staff-password-hint" class="hint">
            {t.passwordHint}
          </p>
        </div>
        <div class="field">
          <label for="staff-role">{t.role}</label>
          <select
            id="staff-role"
            name="roles"
            value={role}
            aria-invalid={invalid("roles")}
            onChange={(e) => setRole(e.currentTarget.value)}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {describeRole(r, t, city.modules, lang)}
              </option>
            ))}
          </select>
        </div>
        <p id="create-staff-error" role="alert" class="form-error">
          {action.error === null ? "" : problemText(t, action.error)}
        </p>
        <button type="submit" class="button button-primary" aria-disabled={action.pending}>
          {action.pending ? t.saving : t.create}
        </button>
      </form>
    </section>
  );
}
