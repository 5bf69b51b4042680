// The start screen's tile icons: decorative (aria-hidden), drawn in the current text colour.
const paths: Record<string, string> = {
  news: "M4 4h13v3h3v11a2 2 0 0 1-2 2H6a2 2 0 0 1-2-2zm2 2v12h11V6zm13 3h-1v9a1 1 0 0 0 1-1zM8 8h7v2H8zm0 4h7v1.5H8zm0 3h5v1.5H8z",
  events: "M7 2h2v2h6V2h2v2h3v16H4V4h3zm11 7H6v9h12zm-9 2h2v2H9zm4 0h2v2h-2zm-4 3h2v2H9zm4 0h2v2h-2zM6 6v1h12V6z",
  services: "M12 2 2 7v2h20V7zM4 10h2v7H4zm5 0h2v7H9zm4 0h2v7h-2zm5 0h2v7h-2zM2 18h20v3H2z",
  waste: "M9 2h6v2h5v2H4V4h5zM5 8h14l-1.2 14H6.2z",
  reports: "M12 2a7 7 0 0 1 7 7c0 5.2-7 13-7 13S5 14.2 5 9a7 7 0 0 1 7-7zm-1 3v5h2V5zm0 6v2h2v-2z",
};
const generic = "M4 4h7v7H4zm9 0h7v7h-7zM4 13h7v7H4zm9 0h7v7h-7z";

export function ModuleIcon({ name }: { name: string }) {
  return (
    <svg class="tile-icon" aria-hidden="true" viewBox="0 0 24 24" width="32" height="32">
      <path fill="currentColor" d={paths[name] ?? generic} />
    </svg>
  );
}
