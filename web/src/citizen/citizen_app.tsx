// The citizen app (PWA): "/" lists the cities; "/{city}" is the city's start screen and
// "/{city}/{module}[/{id}]" a module's screens, each module a lazily loaded chunk. The frame
// (header with the city's colours and logo, city and language switch, offline indicator,
// update notice) stays while the screens change.
import { useContext, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, cityPath } from "../api/http";
import type { CityManifest } from "../api/types";
import { I18nProvider, LanguageSwitch, readerLocale, useCatalogue, useI18n } from "../i18n";
import { webModules } from "../modules/index";
import { applyCityColours, cityColours } from "../theme/city_theme";
import { useAppModule } from "./app_modules";
import { loadCities, CityListPage } from "./city_list_page";
import { citizenPaths, interceptLinks, navigate, parseCitizenPath, useLocation } from "./citizen_router";
import { CityContext, hasModule, useCity, type CityContextValue } from "./city_context";
import { cityDates } from "./city_dates";
import { citizenMessages } from "./messages";
import { LoadFailure, Loading, PageHeading, useDocumentTitle } from "./page_parts";
import { OfflineIndicator, useOnline, useServiceWorker, WorkerNotices, type WorkerState } from "./pwa";
import { StartPage } from "./start_page";
import { RefreshContext, useLoad } from "../shared/use_load";
import "./citizen.css";

/** The zone of the demo cities; used when a manifest names none. */
const defaultTimeZone = "Europe/Berlin";

// The city's manifest is requested while the first render runs, not after it (effects run
// after the first paint): the start screen's content comes one frame or more sooner.
let earlyManifest: { slug: string; answer: Promise<CityManifest> } | null = null;
let earlyStarted = false;

function startEarlyManifest(): void {
  if (earlyStarted) return;
  earlyStarted = true;
  const route = parseCitizenPath(location.pathname);
  if (route.kind === "cities" || route.city === null) return;
  const answer = api<CityManifest>("GET", cityPath(route.city));
  answer.catch(() => {}); // handled where it is taken
  earlyManifest = { slug: route.city, answer };
}

function loadManifest(slug: string): Promise<CityManifest> {
  if (earlyManifest !== null && earlyManifest.slug === slug) {
    const { answer } = earlyManifest;
    earlyManifest = null;
    return answer;
  }
  return api<CityManifest>("GET", cityPath(slug));
}

function ModulePage({ module, id }: { module: string; id: string | null }) {
  const { city } = useCity();
  const c = useCatalogue(citizenMessages);
  const load = useAppModule(module);
  if (!hasModule(city, module)) return <NotFoundPage text={c.moduleNotEnabled(city.name)} />;
  if (load.state === "loading") return <Loading />;
  if (load.state === "failed") return <LoadFailure error={load.error} notFound={c.pageNotFound} />;
  const { Screen } = load.data;
  return <Screen id={id} />;
}

function NotFoundPage({ text }: { text: string }) {
  const c = useCatalogue(citizenMessages);
  const city = useContext(CityContext)?.city ?? null;
  useDocumentTitle(c.pageNotFound, city?.name);
  return (
    <>
      <PageHeading>{text}</PageHeading>
      <ul class="not-found-links">
        {city !== null && (
          <li>
            <a href={citizenPaths.start(city.slug)}>{c.toStart(city.name)}</a>
          </li>
        )}
        <li>
          <a href={citizenPaths.cities}>{c.allCities}</a>
        </li>
      </ul>
    </>
  );
}

function CitySwitch({ current }: { current: string }) {
  const c = useCatalogue(citizenMessages);
  const cities = useLoad(loadCities, "cities");
  const [choice, setChoice] = useState(current);
  useEffect(() => setChoice(current), [current]);
  const list = cities.state === "ready" ? cities.data : [];
  return (
    <form
      class="city-switch"
      onSubmit={(event) => {
        event.preventDefault();
        if (choice !== current) navigate(citizenPaths.start(choice));
      }}
    >
      <label>
        <span>{c.switchCity}</span>
        <select value={choice} onChange={(event) => setChoice(event.currentTarget.value)}>
          {list.length === 0 && <option value={current}>{current}</option>}
          {list.map((city) => (
            <option key={city.slug} value={city.slug}>
              {city.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{c.switchCityButton}</button>
    </form>
  );
}

interface FrameProps {
  online: boolean;
  worker: WorkerState;
  dismissNotice: () => void;
}

function CitizenFrame({ online, worker, dismissNotice }: FrameProps) {
  const { t, lang } = useI18n();
  const c = useCatalogue(citizenMessages);
  const { pathname } = useLocation();
  const route = parseCitizenPath(pathname);
  const slug = route.kind === "cities" ? null : route.city;
  useEffect(() => interceptLinks(document.body), []);

  const manifest = useLoad<CityManifest | null>(
    () => (slug === null ? Promise.resolve(null) : loadManifest(slug)),
    slug ?? "",
  );
  const city = manifest.state === "ready" ? manifest.data : null;
  const primary = city?.branding.primary_color;
  const secondary = city?.branding.secondary_color;
  useEffect(() => {
    applyCityColours(primary === undefined ? null : cityColours(primary, secondary));
  }, [primary, secondary]);

  const timeZone = city?.time_zone ?? defaultTimeZone;
  const cityValue = useMemo<CityContextValue | null>(
    () => (city === null ? null : { city, dates: cityDates(readerLocale(lang), timeZone) }),
    [city, lang, timeZone],
  );

  let content;
  if (route.kind === "cities") content = <CityListPage />;
  else if (manifest.state === "loading") content = <Loading />;
  else if (manifest.state === "failed")
    content = (
      <>
        <LoadFailure error={manifest.error} notFound={c.cityNotFound} />
        <p>
          <a href={citizenPaths.cities}>{c.allCities}</a>
        </p>
      </>
    );
  else if (route.kind === "start") content = <StartPage />;
  else if (route.kind === "module") content = <ModulePage module={route.module} id={route.id} />;
  else content = <NotFoundPage text={c.pageNotFound} />;

  const logo = city?.branding.logo_url;
  return (
    <>
      <a class="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header class="citizen-header">
        <div class="header-row">
          <a class="brand" href={city === null ? citizenPaths.cities : citizenPaths.start(city.slug)}>
            {logo !== undefined && logo !== "" && <img src={logo} alt="" width={40} height={40} />}
            <span>{city === null ? t.appName : city.name}</span>
          </a>
          <LanguageSwitch />
        </div>
        {slug !== null && (
          <div class="header-row">
            <CitySwitch current={slug} />
          </div>
        )}
      </header>
      <OfflineIndicator online={online} />
      <main id="main" class="citizen-main" tabIndex={-1}>
        <CityContext.Provider value={cityValue}>{content}</CityContext.Provider>
      </main>
      <footer class="citizen-footer">
        <ul>
          {slug !== null && (
            <li>
              <a href={citizenPaths.cities}>{c.allCities}</a>
            </li>
          )}
          <li>
            <a href="/console">{c.staffLoginLink}</a>
          </li>
        </ul>
        <p>{t.appName}</p>
      </footer>
      <WorkerNotices state={worker} dismiss={dismissNotice} />
    </>
  );
}

/**
 * Connection and service worker state. Every screen's data (the city's manifest included) is
 * fetched again when the connection returns — at once and once more a few seconds later, since
 * the first requests after reconnecting may still time out into the service worker's saved copy —
 * and when the service worker first takes control (so that what is shown is also in its cache for
 * the next time offline).
 */
const RETRY_AFTER_RECONNECT_MS = 5000;

function Connectivity() {
  const [refresh, setRefresh] = useState(0);
  const online = useOnline();
  const [worker, dismissNotice] = useServiceWorker(() => setRefresh((r) => r + 1));
  const wasOnline = useRef(online);
  useEffect(() => {
    const returned = online && !wasOnline.current;
    wasOnline.current = online;
    if (!returned) return;
    setRefresh((r) => r + 1);
    const again = window.setTimeout(() => setRefresh((r) => r + 1), RETRY_AFTER_RECONNECT_MS);
    return () => window.clearTimeout(again);
  }, [online]);
  return (
    <RefreshContext.Provider value={refresh}>
      <CitizenFrame online={online} worker={worker} dismissNotice={dismissNotice} />
    </RefreshContext.Provider>
  );
}

export function CitizenApp() {
  startEarlyManifest();
  // What the modules start with the app (the Mängelmelder sends the reports waiting on the device).
  useEffect(() => {
    const stops = webModules.flatMap((m) => (m.citizen?.atAppStart === undefined ? [] : [m.citizen.atAppStart()]));
    return () => stops.forEach((stop) => stop());
  }, []);
  return (
    <I18nProvider>
      <Connectivity />
    </I18nProvider>
  );
}
