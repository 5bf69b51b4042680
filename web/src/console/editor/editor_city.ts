// What the editor screens need to know about the city, from its public manifest
// (GET /api/v1/cities/{city}): time zone, districts, and the module's categories (its public
// settings). Editors cannot read the city's settings document; the manifest is enough.
import { api, cityPath } from "../../api/http";
import type { LocalizedText } from "../../api/types";
import { useI18n } from "../../i18n";
import { useLoad, type Load } from "../../shared/use_load";
import { useConsole } from "../console_context";
import { moduleTitle } from "../roles";

export interface Category {
  slug: string;
  title: LocalizedText;
}

export interface EditorCity {
  slug: string;
  timeZone: string;
  districts: { id: string; name: string }[];
  /** The module's categories (settings.categories), in the order the city set them. */
  categories: Category[];
}

interface Manifest {
  slug: string;
  time_zone?: string;
  districts?: { id: string; name: string }[];
  modules?: { name: string; settings?: { categories?: Category[] } }[];
}

/** The city as the module's editor screens need it (a 401 ends the session: LoadFailureContext). */
export function useEditorCity(module: string): Load<EditorCity> {
  const { city } = useConsole();
  return useLoad(
    () =>
      api<Manifest>("GET", cityPath(city.slug)).then((manifest) => {
        const settings = manifest.modules?.find((m) => m.name === module)?.settings;
        return {
          slug: manifest.slug,
          timeZone: manifest.time_zone ?? "Europe/Berlin",
          districts: manifest.districts ?? [],
          categories: Array.isArray(settings?.categories) ? settings.categories : [],
        };
      }),
    `${city.slug}/${module}`,
  );
}

export function categoryTitle(city: EditorCity, slug: string, lang: "de" | "en"): string {
  return city.categories.find((c) => c.slug === slug)?.title[lang] ?? slug;
}

/** The module's title in the current language, as the navigation shows it. */
export function useModuleTitle(module: string): string {
  const { lang } = useI18n();
  const { city } = useConsole();
  return moduleTitle(
    city.modules.find((m) => m.name === module),
    module,
    lang,
  );
}
