// The signed-in console: header (city switcher, person, language, sign out), the navigation
// to what the person may use in the chosen city, and the current screen.
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { api, ApiError, cityPath } from "../api/http";
import type { CityManifest, Session, SessionCity } from "../api/types";
import { LanguageSwitch, useI18n } from "../i18n";
import { readPreference, writePreference } from "../preferences";
import { LoadFailureContext } from "../shared/use_load";
import { AuditPage } from "./audit_page";
import { ConsoleContext, type ConsoleContextValue } from "./console_context";
import { consolePaths, Link, navigate, parseConsolePath, usePathname, type ConsoleRoute } from "./console_router";
import { ModuleScreen } from "./module_screen";
import { OverviewPage } from "./overview_page";
import { PageHeading } from "./page_heading";
import { isSessionLost, problemText } from "./problem_text";
import { moduleTitle } from "./roles";
import { SettingsPage } from "./settings_page";
import { StaffPage } from "./staff_page";
import { TokensPage } from "./tokens_page";

const cityPreference = "console.city";

function initialCity(cities: SessionCity[]): string | null {
  const stored = readPreference(cityPreference);
  if (stored !== null && cities.some((c) => c.slug === stored)) return stored;
  return cities[0]?.slug ?? null;
}

/** May the person open `route` in `city`? */
function allowed(route: ConsoleRoute, city: SessionCity): boolean {
  switch (route.kind) {
    case "staff":
    case "tokens":
    case "audit":
    case "settings":
      return city.admin;
    case "module":
      return city.modules.some((m) => m.name === route.module);
    default:
      return true;
  }
}

/** The city's primary colour as the header accent (a custom property: allowed by the CSP). */
function useCityAccent(slug: string | null): void {
  useEffect(() => {
    const root = document.documentElement.style;
    if (slug === null) return;
    let current = true;
    api<CityManifest>("GET", cityPath(slug)).then(
      (manifest) => {
        if (current && /^#[0-9a-fA-F]{3,8}$/.test(manifest.branding.primary_color))
          root.setProperty("--city-accent", manifest.branding.primary_color);
      },
      () => {
        // The default accent stays; branding is decoration only.
      },
    );
    return () => {
      current = false;
      root.removeProperty("--city-accent");
    };
  }, [slug]);
}

interface ShellProps {
  session: Session;
  onLoggedOut: () => void;
  onSessionLost: () => void;
}

export function ConsoleShell({ session, onLoggedOut, onSessionLost }: ShellProps) {
  const { t, lang } = useI18n();
  const pathname = usePathname();
  const route = parseConsolePath(pathname);
  const [citySlug, setCitySlug] = useState<string | null>(() => initialCity(session.cities));
  const [logoutError, setLogoutError] = useState<unknown>(null);
  const city = session.cities.find((c) => c.slug === citySlug) ?? null;
  useCityAccent(city?.slug ?? null);

  useEffect(() => {
    document.title = city ? `${t.consoleTitle} – ${city.name}` : t.consoleTitle;
  }, [city, t]);

  const changeCity = (slug: string) => {
    const next = session.cities.find((c) => c.slug === slug);
    if (next === undefined) return;
    writePreference(cityPreference, slug);
    setCitySlug(slug);
    // A screen the person may not use in the new city gives way to the overview.
    if (!allowed(route, next)) navigate(consolePaths.overview);
  };

  const logout = async () => {
    setLogoutError(null);
    try {
      await api<void>("DELETE", "/api/v1/session");
      onLoggedOut();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onLoggedOut();
      else setLogoutError(error);
    }
  };

  const context = useMemo<ConsoleContextValue | null>(
    () => (city === null ? null : { session, city, sessionLost: onSessionLost }),
    [session, city, onSessionLost],
  );

  // Every screen's load that finds the session gone ends it (back to the login form).
  const onLoadFailure = useCallback(
    (error: unknown) => {
      if (isSessionLost(error)) onSessionLost();
    },
    [onSessionLost],
  );

  // A module's link stays current on its inner screens (/console/modules/news/new).
  const navLink = (href: string, label: string, prefix = false) => (
    <li key={href}>
      <Link href={href} current={pathname.replace(/\/+$/, "") === href || (prefix && pathname.startsWith(`${href}/`))}>
        {label}
      </Link>
    </li>
  );

  return (
    <>
      <a class="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header class="console-header">
        <span class="console-brand">{t.consoleTitle}</span>
        {session.cities.length > 1 && city !== null ? (
          <label class="city-switch">
            <span>{t.city}</span>
            <select value={city.slug} onChange={(e) => changeCity(e.currentTarget.value)}>
              {session.cities.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          city !== null && <span class="city-name">{city.name}</span>
        )}
        <div class="console-header-tools">
          <span class="signed-in-as">
            <span class="visually-hidden">{t.signedInAs} </span>
            <span class="person-name">{session.user.display_name}</span>
          </span>
          <LanguageSwitch />
          <button type="button" class="button" onClick={logout}>
            {t.logout}
          </button>
        </div>
        <p class="form-error header-error" role="alert">
          {logoutError === null ? "" : problemText(t, logoutError)}
        </p>
      </header>
      {context === null ? (
        <main id="main" class="console-main console-main-narrow" tabIndex={-1}>
          <PageHeading>{t.welcome(session.user.display_name)}</PageHeading>
          <p>{t.noCities}</p>
        </main>
      ) : (
        <ConsoleContext.Provider value={context}>
          <LoadFailureContext.Provider value={onLoadFailure}>
            <div class="console-body">
              <nav class="console-nav" aria-label={t.navLabel}>
                <ul>{navLink(consolePaths.overview, t.overview)}</ul>
                {context.city.modules.length > 0 && (
                  <>
                    <h2 id="nav-modules">{t.modulesNav}</h2>
                    <ul aria-labelledby="nav-modules">
                      {context.city.modules.map((m) =>
                        navLink(consolePaths.module(m.name), moduleTitle(m, m.name, lang), true),
                      )}
                    </ul>
                  </>
                )}
                {context.city.admin && (
                  <>
                    <h2 id="nav-admin">{t.administrationNav}</h2>
                    <ul aria-labelledby="nav-admin">
                      {navLink(consolePaths.staff, t.staff)}
                      {navLink(consolePaths.tokens, t.tokens)}
                      {navLink(consolePaths.audit, t.audit)}
                      {navLink(consolePaths.settings, t.settings)}
                    </ul>
                  </>
                )}
              </nav>
              <main id="main" class="console-main" tabIndex={-1}>
                <Screen route={route} city={context.city} />
              </main>
            </div>
          </LoadFailureContext.Provider>
        </ConsoleContext.Provider>
      )}
    </>
  );
}

function Screen({ route, city }: { route: ConsoleRoute; city: SessionCity }) {
  const { t } = useI18n();
  if (route.kind === "not-found") {
    return (
      <>
        <PageHeading>{t.notFound}</PageHeading>
        <p>
          <Link href={consolePaths.overview}>{t.overview}</Link>
        </p>
      </>
    );
  }
  if (!allowed(route, city)) {
    return (
      <>
        <PageHeading>{t.notAllowed}</PageHeading>
        <p>
          <Link href={consolePaths.overview}>{t.overview}</Link>
        </p>
      </>
    );
  }
  // Keyed by city: a screen starts afresh (its lists, its forms) when the city changes.
  switch (route.kind) {
    case "overview":
      return <OverviewPage key={city.slug} />;
    case "staff":
      return <StaffPage key={city.slug} />;
    case "tokens":
      return <TokensPage key={city.slug} />;
    case "audit":
      return <AuditPage key={city.slug} />;
    case "settings":
      return <SettingsPage key={city.slug} />;
    case "module":
      return <ModuleScreen key={`${city.slug}/${route.module}`} module={route.module} rest={route.rest} />;
  }
}
