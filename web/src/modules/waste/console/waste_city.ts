// What the waste console screens read: the city's manifest (time zone, districts and the waste
// types of the module's public settings) and the staff API's answers, loaded again on demand.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, cityPath } from "../../../api/http";
import { useConsole } from "../../../console/console_context";
import { isSessionLost } from "../../../console/problem_text";
import { useI18n } from "../../../i18n";
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

export type Loaded<T> = { state: "loading" } | { state: "ready"; data: T } | { state: "failed"; error: unknown };

/**
 * GET `path` (null: nothing yet) and its state; `reload` asks again and keeps the data shown
 * meanwhile. A 401 ends the session.
 */
export function useAdminData<T>(
  path: string | null,
  parse: (body: unknown) => T,
): { load: Loaded<T>; reload: () => void } {
  const { sessionLost } = useConsole();
  const [load, setLoad] = useState<Loaded<T>>({ state: "loading" });
  const [version, setVersion] = useState(0);
  const shownPath = useRef<string | null>(null);
  useEffect(() => {
    if (path === null) return;
    let current = true;
    if (shownPath.current !== path) setLoad({ state: "loading" });
    api<unknown>("GET", path).then(
      (body) => {
        if (!current) return;
        shownPath.current = path;
        setLoad({ state: "ready", data: parse(body) });
      },
      (error: unknown) => {
        if (!current) return;
        if (isSessionLost(error)) sessionLost();
        setLoad({ state: "failed", error });
      },
    );
    return () => {
      current = false;
    };
  }, [path, version]);
  return { load, reload: () => setVersion((v) => v + 1) };
}

export function useWasteCity(): Loaded<WasteCity> {
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
export function useAdminAreas(): { load: Loaded<AdminAreas>; reload: () => void } {
  const { city } = useConsole();
  return useAdminData(cityPath(city.slug, "waste", "admin", "areas"), (body) => body as AdminAreas);
}
