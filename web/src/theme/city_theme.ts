// The city's colours in the app, made readable: custom properties on <html> (set from script,
// so the CSP needs no inline styles) and <meta name="theme-color">.
import { contrastRatio, minimumTextContrast, parseHex, readableOn, relativeLuminance, shadeForText } from "./contrast";

export interface CityColours {
  /** Background of the city's header and buttons. */
  primary: string;
  /** Text on `primary`; reaches 4.5:1 on it. */
  onPrimary: string;
  /** The city's colour as text or border on the app's light surfaces; reaches 4.5:1 there. */
  accent: string;
}

const fallbackPrimary = "#005ca9";
/** The app's page background (--background in base.css): the lightest surface text sits on. */
const lightSurface = "#f6f6f6";

function valid(hex: string | undefined): hex is string {
  if (hex === undefined) return false;
  try {
    parseHex(hex);
    return true;
  } catch {
    return false;
  }
}

/**
 * The city's primary colour and its text colour (branding.secondary_color) when they reach 4.5:1;
 * otherwise a darker shade of the primary colour under light text (a lighter one under dark
 * text), so the header stays the city's colour and stays readable.
 */
export function cityColours(primaryColor: string | undefined, secondaryColor: string | undefined): CityColours {
  const primary = valid(primaryColor) ? primaryColor.toLowerCase() : fallbackPrimary;
  const accent = shadeForText(primary, lightSurface);
  const text = valid(secondaryColor) ? secondaryColor.toLowerCase() : readableOn(primary);
  if (contrastRatio(primary, text) >= minimumTextContrast) return { primary, onPrimary: text, accent };
  if (relativeLuminance(text) > 0.5) return { primary: shadeForText(primary, text), onPrimary: text, accent };
  const on = readableOn(primary);
  return { primary: shadeForText(primary, on), onPrimary: on, accent };
}

function themeColorMeta(): HTMLMetaElement {
  let meta = document.querySelector<HTMLMetaElement>('meta[name="theme-color"]');
  if (meta === null) {
    meta = document.createElement("meta");
    meta.name = "theme-color";
    document.head.append(meta);
  }
  return meta;
}

/** Applies a city's colours to the page, or the app's own ones for `null`. */
export function applyCityColours(colours: CityColours | null): void {
  const style = document.documentElement.style;
  if (colours === null) {
    for (const name of ["--primary", "--on-primary", "--accent"]) style.removeProperty(name);
    themeColorMeta().content = fallbackPrimary;
    return;
  }
  style.setProperty("--primary", colours.primary);
  style.setProperty("--on-primary", colours.onPrimary);
  style.setProperty("--accent", colours.accent);
  themeColorMeta().content = colours.primary;
}
