// The staff console (/console…): finds out whether a session exists, then shows the login
// form or the console shell. Loaded with a dynamic import from main.tsx.
import { useCallback, useEffect, useState } from "preact/hooks";
import { api, ApiError, setCsrfToken } from "../api/http";
import type { Session } from "../api/types";
import { I18nProvider, useI18n } from "../i18n";
import { useLoad } from "../shared/use_load";
import { ConsoleShell } from "./console_shell";
import { LoginPage } from "./login_page";
import { problemText } from "./problem_text";
import { SignedOutLayout } from "./signed_out_layout";
import "./console.css";

type Notice = "sessionExpired" | "loggedOut";

/** Who is at the console: a session, or nobody (with the reason shown on the login form). */
type Presence = { session: Session } | { notice: Notice | null };

/** The current session, or null when there is none (401). */
function loadSession(): Promise<Session | null> {
  return api<Session>("GET", "/api/v1/session").then(
    (session) => {
      setCsrfToken(session.csrf_token);
      return session;
    },
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) return null;
      throw error;
    },
  );
}

function ConsoleRoot() {
  const { t } = useI18n();
  const load = useLoad(loadSession, "session");
  // A login or logout after the first answer changes who is here.
  const [changed, setChanged] = useState<Presence | null>(null);
  const presence: Presence | null =
    changed ?? (load.state === "ready" ? (load.data === null ? { notice: null } : { session: load.data }) : null);

  const signedOut = useCallback((notice: Notice | null) => {
    setCsrfToken(null);
    setChanged({ notice });
  }, []);

  const signedIn = presence !== null && "session" in presence;
  useEffect(() => {
    if (!signedIn) document.title = t.consoleTitle;
  }, [signedIn, t]);

  if (presence !== null && "session" in presence)
    return (
      <ConsoleShell
        session={presence.session}
        onLoggedOut={() => signedOut("loggedOut")}
        onSessionLost={() => signedOut("sessionExpired")}
      />
    );
  if (presence !== null)
    return (
      <LoginPage
        notice={presence.notice === null ? null : t[presence.notice]}
        onLoggedIn={(session) => {
          setCsrfToken(session.csrf_token);
          setChanged({ session });
        }}
      />
    );
  return (
    <SignedOutLayout>
      {load.state === "failed" ? (
        <>
          <p role="alert">{problemText(t, load.error)}</p>
          <button type="button" class="button" onClick={load.reload}>
            {t.retry}
          </button>
        </>
      ) : (
        <p role="status">{t.loading}</p>
      )}
    </SignedOutLayout>
  );
}

export function ConsoleApp() {
  return (
    <I18nProvider>
      <ConsoleRoot />
    </I18nProvider>
  );
}
