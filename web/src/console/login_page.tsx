import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../api/http";
import type { Session } from "../api/types";
import { useI18n, type Messages } from "../i18n";
import { SignedOutLayout } from "./signed_out_layout";

function loginErrorText(t: Messages, error: unknown): string {
  if (!(error instanceof ApiError)) return t.networkError;
  if (error.status === 429)
    return error.retryAfter === null ? t.tooManyAttemptsLater : t.tooManyAttempts(error.retryAfter);
  if (error.status === 400 || error.status === 401 || error.status === 422)
    return error.problem?.detail ?? t.loginFailed;
  return error.problem?.detail ?? t.unexpectedError(error.status);
}

export function LoginPage({ notice, onLoggedIn }: { notice: string | null; onLoggedIn: (session: Session) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    emailRef.current?.focus();
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const session = await api<Session>("POST", "/api/v1/session", { email: email.trim(), password });
      onLoggedIn(session);
    } catch (failure) {
      setError(failure);
      setPassword("");
      setPending(false);
      passwordRef.current?.focus();
    }
  };

  const errorText = error === null ? "" : loginErrorText(t, error);
  return (
    <SignedOutLayout>
      <h1>{t.loginHeading}</h1>
      <p role="status" class="notice">
        {notice}
      </p>
      <form class="form login-form" onSubmit={submit}>
        <div class="field">
          <label for="login-email">{t.email}</label>
          <input
            ref={emailRef}
            id="login-email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email}
            aria-invalid={error !== null}
            aria-describedby="login-error"
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="login-password">{t.password}</label>
          <input
            ref={passwordRef}
            id="login-password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
            value={password}
            aria-invalid={error !== null}
            aria-describedby="login-error"
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </div>
        <p id="login-error" class="form-error" role="alert">
          {errorText}
        </p>
        <button type="submit" class="button button-primary" aria-disabled={pending}>
          {pending ? t.loginPending : t.loginSubmit}
        </button>
      </form>
    </SignedOutLayout>
  );
}
