// The waste types' icons (settings `icon`): decorative (aria-hidden), drawn in the current text
// colour on the type's colour swatch; the type's title is always written beside or under it.
import { readableOn } from "../../theme/contrast";
import type { WasteIcon, WasteType } from "./waste_settings";

const paths: Record<WasteIcon, string> = {
  bin: "M9 2h6v2h5v2H4V4h5zM5 8h14l-1.2 14H6.2zm4 3v8h1.5v-8zm4.5 0v8H15v-8z",
  bio: "M20 3C10 3 4 7.5 4 15c0 1.6.4 3 1.1 4.2L3 21.3 4.4 22.7l2.1-2.1c1.2.8 2.8 1.4 4.5 1.4 7 0 9.6-6.6 9-19zM8.6 17.6l-1.2-1.2c2.6-3.4 5.7-6 9.3-7.9-3 2.6-5.7 5.6-8.1 9.1z",
  paper: "M6 2h9l5 5v15H6zm8 1.5V8h4.5zM8 11h10v1.5H8zm0 3h10v1.5H8zm0 3h7v1.5H8z",
  recycling:
    "M12 2l4.5 6H13v3h-2V8H7.5zM3 15l3.5-6 1.7 1-2 3.5H10V15.5H3zm18 0.5h-7v-2h4.8l-2-3.5 1.7-1zM12 22l-4.5-4.5H11v-2.5h2v2.5h3.5z",
  glass: "M10 2h4v4.2l2 3V22H8V9.2l2-3zm0 10v6h4v-6z",
  bulky:
    "M6 7h12a2 2 0 0 1 2 2v2.1A2 2 0 0 1 22 13v6h-2v2h-2v-2H6v2H4v-2H2v-6a2 2 0 0 1 2-1.9V9a2 2 0 0 1 2-2zm0 2v3h12V9z",
  hazardous: "M12 2 1 21h22zm-1 7h2v6h-2zm0 8h2v2h-2z",
  tree: "M12 2l6 8h-3l4 6h-6v6h-2v-6H5l4-6H6z",
};

export function WasteTypeIcon({ icon }: { icon: WasteIcon }) {
  return (
    <svg class="waste-icon" aria-hidden="true" viewBox="0 0 24 24" width="20" height="20" focusable="false">
      <path fill="currentColor" fill-rule="evenodd" d={paths[icon]} />
    </svg>
  );
}

/** The type's colour swatch with its icon (decorative: the title is written beside it). */
export function Swatch({ type }: { type: WasteType }) {
  return (
    <span
      class="waste-swatch"
      // Custom properties set from script (CSSOM), which the Content-Security-Policy allows.
      style={{ "--type-colour": type.colour, "--on-type-colour": readableOn(type.colour) }}
    >
      <WasteTypeIcon icon={type.icon} />
    </span>
  );
}
