// The staff console (/console…): finds out whether a session exists, then shows the login
// form or the console shell. Loaded with a dynamic import from main.tsx.
import { useCallback, useEffect, useState } from "preact/hooks";
import { api, ApiError, setCsrfToken } from "../api/http";
import type { Session } from "../api/types";
import { I18nProvider, useI18n } from "../i18n";
import { ConsoleShell } from "./console_shell";
import { LoginPage } from "./login_page";
import { problemText } from "./problem_text";
import { SignedOutLayout } from "./signed_out_layout";
import "./console.css";

type Notice = "sessionExpired" | "loggedOut";

type SessionState =
  | { state: "loading" }
  | { state: "anonymous"; notice: Notice | null }
  | { state: "signed-in"; session: Session }
  | { state: "failed"; error: unknown };

function ConsoleRoot() {
  const { t } = useI18n();
  const [state, setState] = useState<SessionState>({ state: "loading" });

  const loadSession = useCallback(() => {
    setState({ state: "loading" });
    api<Session>("GET", "/api/v1/session").then(
      (session) => {
        setCsrfToken(session.csrf_token);
        setState({ state: "signed-in", session });
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.status === 401) setState({ state: "anonymous", notice: null });
        else setState({ state: "failed", error });
      },
    );
  }, []);

  useEffect(loadSession, [loadSession]);

  const signedOut = useCallback((notice: Notice | null) => {
    setCsrfToken(null);
    setState({ state: "anonymous", notice });
  }, []);

  useEffect(() => {
    if (state.state !== "signed-in") document.title = t.consoleTitle;
  }, [state.state, t]);

  switch (state.state) {
    case "signed-in":
      return (
        <ConsoleShell
          session={state.session}
          onLoggedOut={() => signedOut("loggedOut")}
          onSessionLost={() => signedOut("sessionExpired")}
        />
      );
    case "anonymous":
      return (
        <LoginPage
          notice={state.notice === null ? null : t[state.notice]}
          onLoggedIn={(session) => {
            setCsrfToken(session.csrf_token);
            setState({ state: "signed-in", session });
          }}
        />
      );
    case "loading":
    case "failed":
      return (
        <SignedOutLayout>
          {state.state === "loading" ? (
            <p role="status">{t.loading}</p>
          ) : (
            <>
              <p role="alert">{problemText(t, state.error)}</p>
              <button type="button" class="button" onClick={loadSession}>
                {t.retry}
              </button>
            </>
          )}
        </SignedOutLayout>
      );
  }
}

export function ConsoleApp() {
  return (
    <I18nProvider>
      <ConsoleRoot />
    </I18nProvider>
  );
}
