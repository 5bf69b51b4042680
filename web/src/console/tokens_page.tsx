// City admins: API tokens of the city: list, create (the secret is shown once), revoke.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, cityPath, pagePath } from "../api/http";
import type { ApiToken, CreatedApiToken, SessionCity } from "../api/types";
import { useI18n, type Messages } from "../i18n";
import { useConsole } from "./console_context";
import { ListFooter } from "./list_footer";
import { ActionOutcome, ListTable, RowButton } from "./list_table";
import { PageHeading } from "./page_heading";
import { usePagedList } from "../shared/use_paged_list";
import { problemText } from "./problem_text";
import { moduleTitle } from "./roles";
import { problemField, useAction } from "./use_action";

type StatusMessage = ((t: Messages) => string) | null;

export function TokensPage() {
  const { t, formatDateTime } = useI18n();
  const { city } = useConsole();
  const list = usePagedList<ApiToken>(pagePath(cityPath(city.slug, "tokens"), 50, null));
  const rowAction = useAction();
  const [status, setStatus] = useState<StatusMessage>(null);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);

  const revoke = async (token: ApiToken) => {
    setStatus(null);
    if (!window.confirm(t.confirmRevoke(token.name))) return;
    const done = await rowAction.run(async () => {
      await api<void>("DELETE", cityPath(city.slug, "tokens", token.id));
      return true;
    });
    if (done === undefined) return;
    const name = token.name;
    setStatus(() => (tt: Messages) => tt.tokenRevoked(name));
    list.reload();
  };

  return (
    <>
      <PageHeading>{t.tokensHeading}</PageHeading>
      <p>{t.tokensIntro}</p>
      <ActionOutcome status={status === null ? "" : status(t)} action={rowAction} />
      {created !== null && (
        <CreatedToken
          token={created}
          onDone={() => {
            setCreated(null);
            document.getElementById("token-name")?.focus();
          }}
        />
      )}
      <ListTable
        caption={t.tokensTableCaption(city.name)}
        columns={[t.tokenName, t.tokenScopes, t.tokenPrefix, t.tokenCreatedAt, t.tokenLastUsed, t.tokenStatus]}
      >
        {list.items.map((token) => (
          <tr key={token.id} class={token.revoked_at !== null ? "row-disabled" : undefined}>
            <th scope="row">{token.name}</th>
            <td>{token.scopes.join(", ")}</td>
            <td>
              <code>{token.prefix}</code>
            </td>
            <td>
              <time dateTime={token.created_at}>{formatDateTime(token.created_at)}</time>
            </td>
            <td>
              {token.last_used_at === null ? (
                t.never
              ) : (
                <time dateTime={token.last_used_at}>{formatDateTime(token.last_used_at)}</time>
              )}
            </td>
            <td>{token.revoked_at === null ? t.tokenActive : t.tokenRevokedAt(formatDateTime(token.revoked_at))}</td>
            <td>
              <div class="actions">
                {token.revoked_at === null && (
                  <RowButton label={t.revoke} row={token.name} onClick={() => revoke(token)} action={rowAction} />
                )}
              </div>
            </td>
          </tr>
        ))}
      </ListTable>
      <ListFooter list={list} emptyText={t.tokensEmpty} />
      <CreateTokenForm
        city={city}
        onCreated={(token) => {
          setStatus(null);
          setCreated(token);
          list.reload();
        }}
      />
    </>
  );
}

/** The new token's secret, shown this once, with a copy button. */
function CreatedToken({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [copyState, setCopyState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token.token);
      setCopyState("copied");
    } catch {
      input.current?.select();
      setCopyState("failed");
    }
  };

  return (
    <section class="panel panel-highlight" aria-labelledby="created-token-heading">
      <h2 id="created-token-heading">{t.tokenCreatedHeading(token.name)}</h2>
      <p id="created-token-hint">{t.tokenShownOnce}</p>
      <div class="field">
        <label for="created-token">{t.tokenValue}</label>
        <input
          ref={input}
          id="created-token"
          class="token-value"
          type="text"
          readOnly
          value={token.token}
          aria-describedby="created-token-hint"
          spellcheck={false}
        />
      </div>
      <div class="form-buttons">
        <button type="button" class="button button-primary" onClick={copy}>
          {t.copy}
        </button>
        <button type="button" class="button" onClick={onDone}>
          {t.done}
        </button>
      </div>
      <p role="status" class="status-message">
        {copyState === "copied" ? t.copied : copyState === "failed" ? t.copyFailed : ""}
      </p>
    </section>
  );
}

function CreateTokenForm({ city, onCreated }: { city: SessionCity; onCreated: (token: CreatedApiToken) => void }) {
  const { t, lang } = useI18n();
  const action = useAction();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Set<string>>(new Set());
  const [scopeError, setScopeError] = useState(false);
  const badField = problemField(action.error);

  const toggle = (scope: string, on: boolean) => {
    setScopeError(false);
    setScopes((old) => {
      const next = new Set(old);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (scopes.size === 0) {
      setScopeError(true);
      return;
    }
    const token = await action.run(() =>
      api<CreatedApiToken>("POST", cityPath(city.slug, "tokens"), { name: name.trim(), scopes: [...scopes] }),
    );
    if (token === undefined) return;
    setName("");
    setScopes(new Set());
    onCreated(token);
  };

  const errorText = scopeError ? t.scopesRequired : action.error === null ? "" : problemText(t, action.error);
  return (
    <section class="panel" aria-labelledby="create-token-heading">
      <h2 id="create-token-heading">{t.tokenCreateHeading}</h2>
      {city.modules.length === 0 ? (
        <p>{t.noScopesAvailable}</p>
      ) : (
        <form class="form" onSubmit={submit}>
          <div class="field">
            <label for="token-name">{t.tokenName}</label>
            <input
              id="token-name"
              name="name"
              type="text"
              autocomplete="off"
              required
              maxLength={100}
              value={name}
              aria-invalid={badField === "name"}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </div>
          <fieldset
            class="scopes"
            aria-invalid={scopeError || badField === "scopes"}
            aria-describedby="create-token-error"
          >
            <legend>{t.tokenScopes}</legend>
            {city.modules.map((m) => (
              <div class="scope-row" key={m.name}>
                <span class="scope-module" id={`scope-${m.name}`}>
                  {moduleTitle(m, m.name, lang)}
                </span>
                {(["read", "write"] as const).map((access) => {
                  const scope = `${m.name}:${access}`;
                  return (
                    <label key={scope} class="checkbox">
                      <input
                        type="checkbox"
                        name="scopes"
                        value={scope}
                        checked={scopes.has(scope)}
                        aria-describedby={`scope-${m.name}`}
                        onChange={(e) => toggle(scope, e.currentTarget.checked)}
                      />
                      {access === "read" ? t.scopeRead : t.scopeWrite} <code>{scope}</code>
                    </label>
                  );
                })}
              </div>
            ))}
          </fieldset>
          <p id="create-token-error" role="alert" class="form-error">
            {errorText}
          </p>
          <button type="submit" class="button button-primary" aria-disabled={action.pending}>
            {action.pending ? t.saving : t.create}
          </button>
        </form>
      )}
    </section>
  );
}
