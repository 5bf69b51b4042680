// The city's services A–Z (Dienstleistungen): a search and the list grouped by initial letter.
// One lazily loaded chunk with its own messages.
import { useEffect, useState } from "preact/hooks";
import { api, cityPath } from "../../api/http";
import type { Page, Service } from "../../api/types";
import type { CitizenScreens } from "../web_module";
import { citizenPaths, navigate, useLocation } from "../../citizen/citizen_router";
import { useCity } from "../../citizen/city_context";
import { LoadFailure, Loading, PageHeading, useDocumentTitle } from "../../citizen/page_parts";
import { useLoad } from "../../shared/use_load";
import { useCatalogue } from "../../i18n";
import { servicesMessages } from "./messages";
import "./services.css";

/** The API's largest page: a city's whole A–Z list in one answer. */
const everything = 500;

function letterOf(service: Service): string {
  return service.letter ?? (service.title[0]?.toUpperCase() || "#");
}

/** An id for a letter's heading ("#" would not survive in a fragment). */
function letterId(letter: string): string {
  return letter === "#" ? "letter-other" : `letter-${letter}`;
}

function ServicesPage() {
  const { city } = useCity();
  const m = useCatalogue(servicesMessages);
  const { search } = useLocation();
  const query = (search.get("q") ?? "").trim();
  const [text, setText] = useState(query);
  useEffect(() => setText(query), [query]);
  const path = `${cityPath(city.slug, "services")}?${new URLSearchParams(query === "" ? { limit: String(everything) } : { limit: String(everything), q: query }).toString()}`;
  const services = useLoad(() => api<Page<Service>>("GET", path), path);
  useDocumentTitle(m.heading, city.name);
  const base = citizenPaths.module(city.slug, "services");

  const groups = new Map<string, Service[]>();
  if (services.state === "ready")
    for (const s of services.data.items) groups.set(letterOf(s), [...(groups.get(letterOf(s)) ?? []), s]);

  return (
    <>
      <PageHeading>{m.heading}</PageHeading>
      <p>{m.intro}</p>
      <form
        role="search"
        class="service-search"
        onSubmit={(event) => {
          event.preventDefault();
          const q = text.trim();
          navigate(q === "" ? base : `${base}?q=${encodeURIComponent(q)}`);
        }}
      >
        <label for="service-query">{m.searchLabel}</label>
        <div>
          <input
            id="service-query"
            type="search"
            value={text}
            maxLength={100}
            onInput={(event) => setText(event.currentTarget.value)}
          />
          <button type="submit">{m.searchButton}</button>
        </div>
      </form>
      {services.state === "loading" && <Loading />}
      {services.state === "failed" && <LoadFailure error={services.error} notFound={m.unavailable} />}
      {services.state === "ready" && (
        <>
          {query !== "" && (
            <p role="status">
              {m.searchResult(services.data.items.length, query)} · <a href={base}>{m.showAll}</a>
            </p>
          )}
          {services.data.items.length === 0 && <p>{m.noServices}</p>}
          {query === "" && groups.size > 1 && (
            <nav class="letters" aria-label={m.lettersLabel}>
              <ul>
                {[...groups.keys()].map((letter) => (
                  <li key={letter}>
                    <a href={`#${letterId(letter)}`}>{letter}</a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          {[...groups].map(([letter, items]) => (
            <section key={letter} aria-labelledby={letterId(letter)}>
              <h2 id={letterId(letter)} tabIndex={-1}>
                {letter}
              </h2>
              <ul class="cards">
                {items.map((s) => (
                  <li key={s.slug} id={`service-${s.slug}`}>
                    <h3>{s.title}</h3>
                    {s.summary !== "" && <p>{s.summary}</p>}
                    {s.department !== undefined && s.department !== "" && (
                      <p class="muted">
                        {m.department}: {s.department}
                      </p>
                    )}
                    {s.url !== undefined && s.url !== "" && (
                      <p>
                        <a href={s.url} rel="noopener">
                          {m.cityPage(s.title)}
                        </a>
                      </p>
                    )}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </>
  );
}

export const citizenModule: CitizenScreens = {
  Screen: () => <ServicesPage />,
};
