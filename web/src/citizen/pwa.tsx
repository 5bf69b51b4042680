// Installable and offline: registers the service worker (src/sw.ts, built by vite-plugin-pwa
// with Workbox), and shows its state: an offline indicator, "works offline now", and "update
// available — reload". The notices are live regions that exist from the start, so screen
// readers announce what appears in them.
import { useEffect, useState } from "preact/hooks";
import { useCatalogue } from "../i18n";
import { citizenMessages } from "./messages";

/** navigator.onLine, following the online/offline events. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);
  return online;
}

export interface WorkerState {
  offlineReady: boolean;
  /** Activates the waiting new version and reloads the page; null while there is none. */
  update: (() => void) | null;
}

const updateCheckInterval = 60 * 60 * 1000;

/**
 * Registers the service worker once the page has loaded (production builds only).
 * `onFirstControl` runs when a worker takes control of a page that had none: the screen's data
 * is then loaded again, through the worker, so that it is there offline.
 */
export function useServiceWorker(onFirstControl: () => void): [WorkerState, () => void] {
  const [state, setState] = useState<WorkerState>({ offlineReady: false, update: null });
  useEffect(() => {
    if (!import.meta.env.PROD || !("serviceWorker" in navigator)) return;
    const container = navigator.serviceWorker;
    let controlled = container.controller !== null;
    // Set when the person chose "reload": the page reloads once the new worker controls it.
    // (Done here rather than by vite-plugin-pwa, whose Workbox instance only reloads for the
    // worker it registered itself, not for an update the browser found later.)
    let reloadOnControl = false;
    const onControllerChange = () => {
      if (!controlled) onFirstControl();
      else if (reloadOnControl) window.location.reload();
      controlled = true;
    };
    container.addEventListener("controllerchange", onControllerChange);
    let timer: number | undefined;
    const register = () => {
      import("virtual:pwa-register")
        .then(({ registerSW }) => {
          const updateSW = registerSW({
            immediate: true,
            onNeedRefresh: () =>
              setState((s) => ({
                ...s,
                update: () => {
                  reloadOnControl = true;
                  void updateSW(true);
                },
              })),
            onNeedReload: () => {
              // Reloaded by onControllerChange.
            },
            onOfflineReady: () => setState((s) => ({ ...s, offlineReady: true })),
            onRegisteredSW: (_url, registration) => {
              if (registration !== undefined)
                timer = window.setInterval(() => void registration.update().catch(() => {}), updateCheckInterval);
            },
          });
        })
        .catch(() => {
          // No service worker (e.g. the chunk could not load): the app works online as before.
        });
    };
    // After the load event and when the main thread is idle, so that registering and
    // precaching never compete with the first screen.
    let idle: number | undefined;
    const whenIdle = () => {
      idle =
        "requestIdleCallback" in window ? requestIdleCallback(register, { timeout: 5000 }) : setTimeout(register, 1000);
    };
    if (document.readyState === "complete") whenIdle();
    else window.addEventListener("load", whenIdle, { once: true });
    return () => {
      container.removeEventListener("controllerchange", onControllerChange);
      window.removeEventListener("load", whenIdle);
      if (idle !== undefined) ("cancelIdleCallback" in window ? cancelIdleCallback : clearTimeout)(idle);
      if (timer !== undefined) window.clearInterval(timer);
    };
  }, []);
  return [state, () => setState((s) => ({ ...s, offlineReady: false }))];
}

/** The offline indicator under the header: empty (and so silent) while online. */
export function OfflineIndicator({ online }: { online: boolean }) {
  const c = useCatalogue(citizenMessages);
  return (
    <div role="status" class={online ? "offline-indicator" : "offline-indicator shown"}>
      {!online && (
        <p>
          <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
            <path
              fill="currentColor"
              d="M2.1 3.5 3.5 2.1l18.4 18.4-1.4 1.4-3.9-3.9-2.6 3.5L1 8.4a17 17 0 0 1 5-3zM12 4c4.3 0 8.2 1.6 11 4.4l-5.5 7.3L8.1 6.3A16 16 0 0 1 12 4z"
            />
          </svg>
          {c.offline}
        </p>
      )}
    </div>
  );
}

/** "Works offline now" and "update available": a small notice at the bottom of the screen. */
export function WorkerNotices({ state, dismiss }: { state: WorkerState; dismiss: () => void }) {
  const c = useCatalogue(citizenMessages);
  const { update } = state;
  return (
    <div role="status" class="worker-notice-region">
      {update !== null ? (
        <div class="worker-notice">
          <p>{c.updateAvailable}</p>
          <button type="button" onClick={update}>
            {c.reload}
          </button>
        </div>
      ) : (
        state.offlineReady && (
          <div class="worker-notice">
            <p>{c.offlineReady}</p>
            <button type="button" onClick={dismiss}>
              {c.close}
            </button>
          </div>
        )
      )}
    </div>
  );
}
