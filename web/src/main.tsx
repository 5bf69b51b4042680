// Entry of the web app. One SPA: /console… is the staff console, loaded on demand so that
// citizens never download it; every other path is the citizen landing page.
import { render } from "preact";
import { CitizenApp } from "./citizen/citizen_app";
import "./styles/base.css";

export function isConsolePath(pathname: string): boolean {
  return pathname === "/console" || pathname.startsWith("/console/");
}

async function start(root: HTMLElement): Promise<void> {
  // Preact renders beside existing children: drop the boot placeholder of index.html first.
  root.replaceChildren();
  if (isConsolePath(location.pathname)) {
    const { ConsoleApp } = await import("./console/console_app");
    render(<ConsoleApp />, root);
  } else {
    render(<CitizenApp />, root);
  }
}

const root = document.getElementById("app");
if (root !== null) {
  start(root).catch((error: unknown) => {
    // Mostly a chunk that failed to load (offline, or a deployment replaced it): say so plainly.
    const message = document.createElement("p");
    message.setAttribute("role", "alert");
    message.textContent = `Mosaik: ${error instanceof Error ? error.message : String(error)}`;
    root.replaceChildren(message);
  });
}
