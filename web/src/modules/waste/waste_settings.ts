// The city's waste types, from the module's public settings in the city manifest
// (modules[].settings.types, docs/waste.md): slug, title, colour, icon, "what goes in".
// Shared by the citizen screens and the console screens of the module.
import type { LocalizedText } from "../../api/types";

export const wasteIcons = ["bin", "bio", "paper", "recycling", "glass", "bulky", "hazardous", "tree"] as const;
export type WasteIcon = (typeof wasteIcons)[number];

export interface WasteType {
  slug: string;
  title: LocalizedText;
  /** "#rrggbb". */
  colour: string;
  icon: WasteIcon;
  accepts: LocalizedText | null;
}

interface ManifestLike {
  modules?: { name: string; settings?: Record<string, unknown> }[];
}

function isText(value: unknown): value is LocalizedText {
  return (
    value !== null &&
    typeof value === "object" &&
    typeof (value as LocalizedText).de === "string" &&
    typeof (value as LocalizedText).en === "string"
  );
}

function parseType(value: unknown): WasteType | null {
  if (value === null || typeof value !== "object") return null;
  const t = value as Record<string, unknown>;
  if (typeof t["slug"] !== "string" || !isText(t["title"])) return null;
  const colour = typeof t["colour"] === "string" && /^#[0-9a-fA-F]{6}$/.test(t["colour"]) ? t["colour"] : "#555555";
  const icon = wasteIcons.find((i) => i === t["icon"]) ?? "bin";
  return { slug: t["slug"], title: t["title"], colour, icon, accepts: isText(t["accepts"]) ? t["accepts"] : null };
}

/** The city's waste types in the city's order; unreadable entries are left out. */
export function wasteTypes(city: ManifestLike): WasteType[] {
  const types = city.modules?.find((m) => m.name === "waste")?.settings?.["types"];
  return Array.isArray(types) ? types.map(parseType).filter((t): t is WasteType => t !== null) : [];
}

/** A type by its slug; a plain stand-in (the slug as title) for a slug the city does not list. */
export function typeOf(types: readonly WasteType[], slug: string): WasteType {
  return (
    types.find((t) => t.slug === slug) ?? {
      slug,
      title: { de: slug, en: slug },
      colour: "#555555",
      icon: "bin",
      accepts: null,
    }
  );
}
