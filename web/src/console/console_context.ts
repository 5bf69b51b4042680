import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Session, SessionCity } from "../api/types";

export interface ConsoleContextValue {
  session: Session;
  /** The city the person works in now (one of session.cities). */
  city: SessionCity;
  /** A request answered 401: the session ended, show the login form again. */
  sessionLost: () => void;
}

export const ConsoleContext = createContext<ConsoleContextValue | null>(null);

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext);
  if (value === null) throw new Error("useConsole outside the console shell");
  return value;
}
