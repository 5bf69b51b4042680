// The citizen app's modules, each one lazily loaded chunk (src/modules/<name>/), so a city's
// start screen downloads only what it shows.
import type { FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { AppModule } from "./citizen_router";

/** What a module's chunk gives the citizen app. */
export interface CitizenModule {
  /** The module's screen: its list for id null, else the item's detail. */
  Screen: FunctionComponent<{ id: string | null }>;
  /** Its part of the city's start screen (latest news, next events), if it has one. */
  StartSection?: FunctionComponent;
}

const loaders: Record<AppModule, () => Promise<CitizenModule>> = {
  news: () => import("../modules/news/news_module").then((m) => m.citizenModule),
  events: () => import("../modules/events/events_module").then((m) => m.citizenModule),
  services: () => import("../modules/services/services_module").then((m) => m.citizenModule),
  waste: () => import("../modules/waste/waste_module").then((m) => m.citizenModule),
  reports: () => import("../modules/reports/reports_module").then((m) => m.citizenModule),
};

const loaded = new Map<AppModule, CitizenModule>();
const pending = new Map<AppModule, Promise<CitizenModule>>();

function loadModule(name: AppModule): Promise<CitizenModule> {
  let promise = pending.get(name);
  if (promise === undefined) {
    promise = loaders[name]().then((module) => {
      loaded.set(name, module);
      return module;
    });
    // A failed load (offline, before the chunk was cached) may be tried again later.
    promise.catch(() => pending.delete(name));
    pending.set(name, promise);
  }
  return promise;
}

export type ModuleLoad =
  { state: "loading" } | { state: "ready"; module: CitizenModule } | { state: "failed"; error: unknown };

export function useAppModule(name: AppModule): ModuleLoad {
  const [state, setState] = useState<{ name: AppModule; load: ModuleLoad }>(() => {
    const module = loaded.get(name);
    return { name, load: module ? { state: "ready", module } : { state: "loading" } };
  });
  useEffect(() => {
    const module = loaded.get(name);
    if (module) {
      setState({ name, load: { state: "ready", module } });
      return;
    }
    let current = true;
    setState({ name, load: { state: "loading" } });
    loadModule(name).then(
      (m) => current && setState({ name, load: { state: "ready", module: m } }),
      (error: unknown) => current && setState({ name, load: { state: "failed", error } }),
    );
    return () => {
      current = false;
    };
  }, [name]);
  if (state.name === name) return state.load;
  const module = loaded.get(name);
  return module ? { state: "ready", module } : { state: "loading" };
}
