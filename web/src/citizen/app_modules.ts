// The citizen app's modules, each one lazily loaded chunk (src/modules/<name>/, declared in its
// module.ts), so a city's start screen downloads only what it shows.
import { webModule } from "../modules/index";
import type { CitizenScreens as CitizenModule } from "../modules/web_module";
import { useLoad, type Load } from "../shared/use_load";

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

/** The module's chunk: at once when it was loaded before, else loading. */
export function useAppModule(name: string): Load<CitizenModule> {
  return useLoad(
    () => loadModule(name),
    name,
    () => loaded.get(name),
  );
}
