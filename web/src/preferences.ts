// The few choices the app remembers in localStorage. Storage can be unavailable (private
// mode, blocked by policy): then the choice simply lasts for this page view.
const prefix = "mosaik.";

export function readPreference(key: string): string | null {
  try {
    return window.localStorage.getItem(prefix + key);
  } catch {
    return null;
  }
}

export function writePreference(key: string, value: string): void {
  try {
    window.localStorage.setItem(prefix + key, value);
  } catch {
    // Not remembered; nothing else depends on it.
  }
}

export function removePreference(key: string): void {
  try {
    window.localStorage.removeItem(prefix + key);
  } catch {
    // Nothing was remembered then either.
  }
}
