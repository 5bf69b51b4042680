// The start screen's tile icons (each module's from its module.ts): decorative (aria-hidden),
// drawn in the current text colour.
import { webModule } from "../modules/index";

const generic = "M4 4h7v7H4zm9 0h7v7h-7zM4 13h7v7H4zm9 0h7v7h-7z";

export function ModuleIcon({ name }: { name: string }) {
  return (
    <svg class="tile-icon" aria-hidden="true" viewBox="0 0 24 24" width="32" height="32">
      <path fill="currentColor" d={webModule(name)?.icon ?? generic} />
    </svg>
  );
}
