// A city's start screen: its name, a tile per enabled module, the modules' parts (the latest
// news, the next events…: each from its module's lazily loaded chunk, in the order of
// src/modules/index.ts), and the city's contact.
import { useCatalogue, useI18n } from "../i18n";
import { webModules } from "../modules/index";
import { useAppModule } from "./app_modules";
import { citizenPaths, isAppModule } from "./citizen_router";
import { hasModule, useCity } from "./city_context";
import { ModuleIcon } from "./icons";
import { citizenMessages } from "./messages";
import { PageHeading, useDocumentTitle } from "./page_parts";

function StartSection({ name }: { name: string }) {
  const load = useAppModule(name);
  const Section = load.state === "ready" ? load.data.StartSection : undefined;
  // The box keeps its height while the chunk and the data load, so nothing below it jumps.
  return <div class={`start-section start-${name}`}>{Section !== undefined && <Section />}</div>;
}

export function StartPage() {
  const { city } = useCity();
  const { lang } = useI18n();
  const c = useCatalogue(citizenMessages);
  useDocumentTitle(city.name);
  const { contact } = city;
  return (
    <>
      <PageHeading>{city.name}</PageHeading>
      {city.demo === true && <p class="demo-note">{c.demoNote}</p>}
      <nav aria-label={c.modulesLabel}>
        <ul class="tiles">
          {city.modules.map((m) => (
            <li key={m.name}>
              {isAppModule(m.name) ? (
                <a class="tile" href={citizenPaths.module(city.slug, m.name)}>
                  <ModuleIcon name={m.name} />
                  <span>{m.title[lang]}</span>
                </a>
              ) : (
                <span class="tile tile-soon">
                  <ModuleIcon name={m.name} />
                  <span>
                    {m.title[lang]} <small>({c.moduleSoon})</small>
                  </span>
                </span>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {webModules
        .filter(({ name, citizen }) => {
          const start = citizen?.start;
          // In the list's order; `shows` may say there is nothing for this person (no chunk loaded then).
          return start !== undefined && hasModule(city, name) && (start.shows === undefined || start.shows(city.slug));
        })
        .map(({ name }) => (
          <StartSection key={name} name={name} />
        ))}
      <section class="contact" aria-labelledby="contact-heading">
        <h2 id="contact-heading">{c.contactHeading}</h2>
        <address>
          {contact.address !== "" && <p>{contact.address}</p>}
          {contact.phone !== "" && (
            <p>
              <a href={`tel:${contact.phone.replace(/[^0-9+]/g, "")}`}>{contact.phone}</a>
            </p>
          )}
          {contact.email !== undefined && contact.email !== "" && (
            <p>
              <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </p>
          )}
          {contact.website !== undefined && contact.website !== "" && (
            <p>
              <a href={contact.website} rel="noopener">
                {c.website}: {contact.website.replace(/^https?:\/\//, "").replace(/\/$/, "")}
              </a>
            </p>
          )}
        </address>
      </section>
    </>
  );
}
