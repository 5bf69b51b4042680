// Citizen landing page (a small preview until the PWA arrives): "/" lists the cities,
// "/{city}" shows the city's contact, districts, modules and services A–Z from the public API.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, cityPath, pagePath } from "../api/http";
import type { CityManifest, CitySummary, Page, Service } from "../api/types";
import { I18nProvider, LanguageSwitch, useI18n, type Messages } from "../i18n";
import "./citizen.css";

type Load<T> = { state: "loading" } | { state: "ready"; data: T } | { state: "failed"; error: unknown };

function useLoad<T>(load: () => Promise<T>, key: string): Load<T> {
  const [result, setResult] = useState<Load<T>>({ state: "loading" });
  useEffect(() => {
    let current = true;
    setResult({ state: "loading" });
    load().then(
      (data) => current && setResult({ state: "ready", data }),
      (error: unknown) => current && setResult({ state: "failed", error }),
    );
    return () => {
      current = false;
    };
  }, [key]);
  return result;
}

function errorText(t: Messages, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 404) return t.cityNotFound;
    return error.problem?.detail ?? t.unexpectedError(error.status);
  }
  return t.networkError;
}

function CityList() {
  const { t } = useI18n();
  const cities = useLoad(() => api<{ cities: CitySummary[] }>("GET", "/api/v1/cities"), "cities");
  useEffect(() => {
    document.title = t.appName;
  }, [t]);
  return (
    <>
      <h1>{t.citiesHeading}</h1>
      {cities.state === "loading" && <p>{t.loading}</p>}
      {cities.state === "failed" && <p role="alert">{errorText(t, cities.error)}</p>}
      {cities.state === "ready" && (
        <ul class="cards">
          {cities.data.cities.map((c) => (
            <li key={c.slug}>
              <a href={`/${encodeURIComponent(c.slug)}`}>{c.name}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

interface CityData {
  city: CityManifest;
  services: Service[] | null;
}

async function loadCity(slug: string): Promise<CityData> {
  const city = await api<CityManifest>("GET", cityPath(slug));
  const hasServices = city.modules.some((m) => m.name === "services");
  const services = hasServices
    ? (await api<Page<Service>>("GET", pagePath(cityPath(slug, "services"), 500, null))).items
    : null;
  return { city, services };
}

function CityPage({ slug, onCity }: { slug: string; onCity: (city: CityManifest | null) => void }) {
  const { t, lang } = useI18n();
  const data = useLoad(() => loadCity(slug), slug);
  const city = data.state === "ready" ? data.data.city : null;

  useEffect(() => {
    onCity(city);
    document.title = city ? `${city.name} – ${t.appName}` : t.appName;
  }, [city, t]);

  if (data.state === "loading") return <p>{t.loading}</p>;
  if (data.state === "failed") {
    return (
      <>
        <p role="alert">{errorText(t, data.error)}</p>
        <p>
          <a href="/">{t.allCities}</a>
        </p>
      </>
    );
  }
  const { city: c, services } = data.data;
  return (
    <>
      <h1>{c.name}</h1>
      <p class="muted">
        {c.contact.address} · {c.contact.phone}
      </p>
      <h2>{t.districtsHeading}</h2>
      <p>{c.districts.map((d) => d.name).join(", ")}</p>
      <h2>{t.modulesHeading}</h2>
      <ul class="cards">
        {c.modules.map((m) => (
          <li key={m.name}>{m.title[lang]}</li>
        ))}
      </ul>
      {services !== null && (
        <>
          <h2>{t.servicesHeading}</h2>
          <ul class="cards">
            {services.map((s) => (
              <li key={s.slug}>
                <strong>{s.title}</strong>
                <p class="muted">{s.summary}</p>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function citySlugFromPath(pathname: string): string | null {
  const first = pathname.split("/").filter(Boolean)[0];
  if (first === undefined) return null;
  try {
    return decodeURIComponent(first);
  } catch {
    return first; // Malformed escapes: let the API answer 404 for it.
  }
}

function CitizenPage() {
  const { t } = useI18n();
  const slug = citySlugFromPath(location.pathname);
  const [city, setCity] = useState<CityManifest | null>(null);

  // The city's own colours for the header (custom properties set from script: CSP-safe).
  useEffect(() => {
    const style = document.documentElement.style;
    if (city) {
      style.setProperty("--primary", city.branding.primary_color);
      style.setProperty("--on-primary", city.branding.secondary_color);
    } else {
      style.removeProperty("--primary");
      style.removeProperty("--on-primary");
    }
  }, [city]);

  return (
    <>
      <a class="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header class="citizen-header">
        <a href="/" class="brand">
          {t.appName}
        </a>
        {city && <span>{city.name}</span>}
        <LanguageSwitch />
      </header>
      <main id="main" class="citizen-main" tabIndex={-1}>
        {slug !== null ? <CityPage slug={slug} onCity={setCity} /> : <CityList />}
      </main>
      <footer class="citizen-footer">
        <p>{t.previewNote}</p>
        <p>
          <a href="/console">{t.staffLoginLink}</a>
        </p>
      </footer>
    </>
  );
}

export function CitizenApp() {
  return (
    <I18nProvider>
      <CitizenPage />
    </I18nProvider>
  );
}
