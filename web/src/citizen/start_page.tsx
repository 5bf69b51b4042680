// A city's start screen: its name, a tile per enabled module, the latest news and the next
// events (each from its module's lazily loaded chunk), and the city's contact.
import { useCatalogue, useI18n } from "../i18n";
import { readSavedAddress } from "../modules/waste/saved_address";
import { useAppModule } from "./app_modules";
import { citizenPaths, isAppModule, type AppModule } from "./citizen_router";
import { hasModule, useCity } from "./city_context";
import { ModuleIcon } from "./icons";
import { citizenMessages } from "./messages";
import { PageHeading, useDocumentTitle } from "./page_parts";

/**
 * Modules with a part on the start screen, in this order; `shows` says whether it has one for
 * this person (the waste calendar only with an address saved on the device), so that no chunk is
 * loaded and no room is kept for nothing.
 */
const startSections: { name: AppModule; shows?: (city: string) => boolean }[] = [
  { name: "waste", shows: (city) => readSavedAddress(city) !== null },
  { name: "reports" },
  { name: "news" },
  { name: "events" },
];

function StartSection({ name }: { name: AppModule }) {
  const load = useAppModule(name);
  const Section = load.state === "ready" ? load.module.StartSection : undefined;
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
      {startSections
        .filter(({ name, shows }) => hasModule(city, name) && (shows === undefined || shows(city.slug)))
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
