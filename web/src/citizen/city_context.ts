// The city whose pages are shown: its manifest and its date formatting, for every screen below
// the city's frame (modules included).
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { CityManifest, LocalizedText } from "../api/types";
import type { Lang } from "../i18n";
import type { CityDates } from "./city_dates";

export interface CityContextValue {
  city: CityManifest;
  dates: CityDates;
}

export const CityContext = createContext<CityContextValue | null>(null);

export function useCity(): CityContextValue {
  const value = useContext(CityContext);
  if (value === null) throw new Error("useCity outside a city's pages");
  return value;
}

export function hasModule(city: CityManifest, name: string): boolean {
  return city.modules.some((m) => m.name === name);
}

interface Category {
  slug: string;
  title: LocalizedText;
}

function isCategory(value: unknown): value is Category {
  if (value === null || typeof value !== "object") return false;
  const c = value as Partial<Category>;
  return typeof c.slug === "string" && typeof c.title === "object" && c.title !== null;
}

/** A module's categories from its public settings ("categories": [{slug, title: {de, en}}]). */
export function moduleCategories(city: CityManifest, module: string): Category[] {
  const categories = city.modules.find((m) => m.name === module)?.settings?.["categories"];
  return Array.isArray(categories) ? categories.filter(isCategory) : [];
}

/** The title of a category in the chosen language; the slug when the city does not list it. */
export function categoryTitle(city: CityManifest, module: string, slug: string, lang: Lang): string {
  const category = moduleCategories(city, module).find((c) => c.slug === slug);
  return category?.title[lang] || category?.title.de || slug;
}

/** The names of districts given by their slugs (unknown slugs as they are). */
export function districtNames(city: CityManifest, slugs: readonly string[]): string[] {
  return slugs.map((slug) => city.districts.find((d) => d.id === slug)?.name ?? slug);
}
