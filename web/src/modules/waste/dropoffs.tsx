// The city's drop-off points (Wertstoffhöfe, container sites; GET …/waste/dropoffs, from the
// module's settings): name, kind, address, opening hours, the waste types taken, and a link to
// the point on openstreetmap.org (no map library). Shown with or without a saved address.
import { api, cityPath } from "../../api/http";
import { useCity } from "../../citizen/city_context";
import { LoadFailure, Loading } from "../../citizen/page_parts";
import { useLoad } from "../../shared/use_load";
import { useCatalogue, useI18n } from "../../i18n";
import { wasteMessages } from "./messages";
import { Swatch } from "./waste_icons";
import { typeOf, wasteTypes } from "./waste_settings";
import { dropOffsOf, mapUrl } from "./waste_types";

export function DropOffs() {
  const { city } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(wasteMessages);
  const path = cityPath(city.slug, "waste", "dropoffs");
  const load = useLoad(() => api<unknown>("GET", path).then(dropOffsOf), path);
  const types = wasteTypes(city);
  return (
    <section class="dropoffs" aria-labelledby="dropoffs-heading">
      <h2 id="dropoffs-heading">{m.dropOffsHeading}</h2>
      {load.state === "loading" && <Loading />}
      {load.state === "failed" && <LoadFailure error={load.error} notFound={m.unavailable} />}
      {load.state === "ready" &&
        (load.data.length === 0 ? (
          <p>{m.noDropOffs}</p>
        ) : (
          <ul class="dropoff-list">
            {load.data.map((d, i) => (
              <li key={d.id || i}>
                <h3>{d.name}</h3>
                <p class="meta">{d.kind === "container" ? m.kindContainer : m.kindRecyclingCentre}</p>
                <dl class="facts">
                  {d.address !== "" && (
                    <div>
                      <dt>{m.address}</dt>
                      <dd>{d.address}</dd>
                    </div>
                  )}
                  {d.opening_hours !== "" && (
                    <div>
                      <dt>{m.openingHours}</dt>
                      <dd>{d.opening_hours}</dd>
                    </div>
                  )}
                  {d.accepts.length > 0 && (
                    <div>
                      <dt>{m.dropOffAccepts}</dt>
                      <dd>
                        <ul class="dropoff-types">
                          {d.accepts.map((slug) => {
                            const type = typeOf(types, slug);
                            return (
                              <li key={slug}>
                                <Swatch type={type} />
                                <span>{type.title[lang]}</span>
                              </li>
                            );
                          })}
                        </ul>
                      </dd>
                    </div>
                  )}
                </dl>
                <a href={mapUrl(d)}>
                  {m.onTheMap}
                  <span class="visually-hidden"> ({d.name})</span>
                </a>
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
