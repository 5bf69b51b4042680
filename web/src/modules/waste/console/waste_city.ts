// What the waste console screens read: the city's manifest (time zone, districts and the waste
// types of the module's public settings) and the staff API's answers, loaded again on demand.
import { api, cityPath } from "../../../api/http";
import { useConsole } from "../../../console/console_context";
import { useI18n } from "../../../i18n";
import { useLoad, type Load } from "../../../shared/use_load";
import { wasteTypes, type WasteType } from "../waste_settings";
import type { AdminAreas } from "./types";

export interface WasteCity {
  slug: string;
  timeZone: string;
  districts: { id: string; name: string }[];
  types: WasteType[];
}

interface Manifest {
  slug: string;
  time_zone?: string;
  districts?: { id: string; name: string }[];
  modules?: { name: string; settings?: Record<string, unknown> }[];
}

/**
 * GET `path` and its state; `reload` asks again and keeps the data shown meanwhile. A 401 ends
 * the session (the console's LoadFailureContext).
 */
export function useAdminData<T>(path: string, parse: (body: unknown) => T): { load: Load<T>; reload: () => void } {
  const load = useLoad(() => api<unknown>("GET", path).then(parse), path);
  return { load, reload: load.reload };
}

export function useWasteCity(): Load<WasteCity> {
  const { city } = useConsole();
  const { load } = useAdminData(cityPath(city.slug), (body) => {
    const manifest = body as Manifest;
    return {
      slug: manifest.slug,
      timeZone: manifest.time_zone ?? "Europe/Berlin",
      districts: manifest.districts ?? [],
      types: wasteTypes(manifest),
    };
  });
  return load;
}

/** "Di., 5. Jan. 2027" of a calendar date, in the console's language. */
export function useDayFormat(): (date: string) => string {
  const { lang } = useI18n();
  const format = new Intl.DateTimeFormat(lang === "de" ? "de-DE" : "en-GB", {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
  return (date) => {
    const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
    return Number.isNaN(d.getTime()) ? date : format.format(d);
  };
}

/** The type's title in the console's language (the slug for one the city does not list). */
export function useTypeTitle(types: readonly WasteType[]): (slug: string) => string {
  const { lang } = useI18n();
  return (slug) => types.find((t) => t.slug === slug)?.title[lang] ?? slug;
}

/** GET …/waste/admin/areas: the areas and the plan's summary. */
export function useAdminAreas(): { load: Load<AdminAreas>; reload: () => void } {
  const { city } = useConsole();
  return useAdminData(cityPath(city.slug, "waste", "admin", "areas"), (body) => body as AdminAreas);
}
