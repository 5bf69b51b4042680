// The citizen app's modules, each one lazily loaded chunk (src/modules/<name>/, declared in its
// module.ts), so a city's start screen downloads only what it shows.
import { useEffect, useState } from "preact/hooks";
import { webModule } from "../modules/index";
import type { CitizenScreens as CitizenModule } from "../modules/web_module";

function loader(name: string): () => Promise<CitizenModule> {
  const citizen = webModule(name)?.citizen;
  return citizen?.load ?? (() => Promise.reject(new Error(`no citizen screens for module ${name}`)));
}

const loaded = new Map<string, CitizenModule>();
const pending = new Map<string, Promise<CitizenModule>>();

function loadModule(name: string): Promise<CitizenModule> {
  let promise = pending.get(name);
  if (promise === undefined) {
    promise = loader(name)().then((module) => {
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

export function useAppModule(name: string): ModuleLoad {
  const [state, setState] = useState<{ name: string; load: ModuleLoad }>(() => {
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
