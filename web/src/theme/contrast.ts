// Colour contrast after WCAG 2.1 (relative luminance, contrast ratio), for a city's own colours.
// The citizen app uses it to keep text readable whatever colours a city picks; the console uses
// it to warn a city admin whose colours fail. Pure functions, no DOM: unit-tested in web/test/.

/** Black-ish text colour of the app (--text in base.css), the dark choice of readableOn. */
export const darkText = "#1a1a1a";
export const lightText = "#ffffff";
/** WCAG 2.1 AA for normal text (1.4.3). */
export const minimumTextContrast = 4.5;

export type Rgb = readonly [number, number, number];

/**
 * Parses "#rrggbb" or "#rgb" (case-insensitive, the "#" optional).
 * Throws RangeError for anything else, so a bad colour is never silently read as black.
 */
export function parseHex(hex: string): Rgb {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (m === null || m[1] === undefined) throw new RangeError(`not a hex colour: ${JSON.stringify(hex)}`);
  const digits = m[1].length === 3 ? [...m[1]].map((d) => d + d).join("") : m[1];
  return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as unknown as Rgb;
}

/** "#rrggbb" (lower case) of a colour; channels are rounded and clamped to 0…255. */
export function toHex(rgb: Rgb): string {
  return `#${rgb
    .map((c) =>
      Math.min(255, Math.max(0, Math.round(c)))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

function channel(value: number): number {
  const c = value / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance (WCAG 2.1 definition): 0 for black, 1 for white. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = parseHex(hex);
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** Contrast ratio of two colours, from 1 (same) to 21 (black on white); order does not matter. */
export function contrastRatio(hex1: string, hex2: string): number {
  const a = relativeLuminance(hex1);
  const b = relativeLuminance(hex2);
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

/** The text colour, white or the app's near-black, that reads better on the given background. */
export function readableOn(hexBackground: string): "#ffffff" | "#1a1a1a" {
  return contrastRatio(hexBackground, lightText) >= contrastRatio(hexBackground, darkText) ? lightText : darkText;
}

/**
 * The background itself when `hexText` reaches `minimum` contrast on it, else the closest shade
 * that does: darker for light text, lighter for dark text (mixed towards black or white, hue
 * kept). Returns "#rrggbb". When no shade reaches the minimum (e.g. mid-grey text), returns
 * black or white, whichever is the end of the search.
 */
export function shadeForText(hexBackground: string, hexText: string, minimum = minimumTextContrast): string {
  const background = parseHex(hexBackground);
  if (contrastRatio(hexBackground, hexText) >= minimum) return toHex(background);
  const towards = relativeLuminance(hexText) > 0.5 ? 0 : 255;
  // The contrast grows monotonically with the mix: bisect for the smallest mix that passes.
  let low = 0;
  let high = 1;
  const mixed = (t: number) => toHex(background.map((c) => c + (towards - c) * t) as unknown as Rgb);
  for (let i = 0; i < 20; i++) {
    const mid = (low + high) / 2;
    if (contrastRatio(mixed(mid), hexText) >= minimum) high = mid;
    else low = mid;
  }
  return mixed(high);
}
