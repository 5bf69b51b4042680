// "/": the cities on this server.
import { api } from "../api/http";
import type { CitySummary } from "../api/types";
import { useCatalogue } from "../i18n";
import { citizenPaths } from "./citizen_router";
import { citizenMessages } from "./messages";
import { LoadFailure, Loading, PageHeading, useDocumentTitle } from "./page_parts";
import { useLoad } from "../shared/use_load";

export function loadCities(): Promise<CitySummary[]> {
  return api<{ cities: CitySummary[] }>("GET", "/api/v1/cities").then((r) => r.cities);
}

export function CityListPage() {
  const c = useCatalogue(citizenMessages);
  const cities = useLoad(loadCities, "cities");
  useDocumentTitle();
  return (
    <>
      <PageHeading>{c.citiesHeading}</PageHeading>
      <p>{c.citiesIntro}</p>
      {cities.state === "loading" && <Loading />}
      {cities.state === "failed" && <LoadFailure error={cities.error} notFound={c.cityNotFound} />}
      {cities.state === "ready" && (
        <ul class="cards city-list">
          {cities.data.map((city) => (
            <li key={city.slug}>
              <a href={citizenPaths.start(city.slug)}>{city.name}</a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
