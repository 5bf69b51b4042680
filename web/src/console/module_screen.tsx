// A module's console screens, loaded on first use (one chunk per module, declared by its
// src/modules/<name>/module.ts); modules without screens yet show the placeholder.
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { useI18n } from "../i18n";
import { webModule } from "../modules/index";
import type { ConsoleScreenProps } from "../modules/web_module";
import { useConsole } from "./console_context";
import { ModulePlaceholder } from "./module_placeholder";
import { PageHeading } from "./page_heading";
import { moduleTitle } from "./roles";

type Loaded =
  { state: "loading" } | { state: "ready"; screen: ComponentType<ConsoleScreenProps> } | { state: "failed" };

export function ModuleScreen({ module, rest }: { module: string; rest: string[] }) {
  const { t, lang } = useI18n();
  const { city } = useConsole();
  const loader = webModule(module)?.console;
  const [loaded, setLoaded] = useState<Loaded>({ state: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (loader === undefined) return;
    let current = true;
    setLoaded({ state: "loading" });
    loader().then(
      (chunk) => current && setLoaded({ state: "ready", screen: chunk.default }),
      () => current && setLoaded({ state: "failed" }),
    );
    return () => {
      current = false;
    };
  }, [module, attempt]);

  if (loader === undefined) return <ModulePlaceholder module={module} />;
  switch (loaded.state) {
    case "ready": {
      const Screen = loaded.screen;
      return <Screen rest={rest} />;
    }
    case "loading":
      return <p role="status">{t.loading}</p>;
    case "failed":
      return (
        <>
          <PageHeading>
            {moduleTitle(
              city.modules.find((m) => m.name === module),
              module,
              lang,
            )}
          </PageHeading>
          <p role="alert" class="form-error">
            {t.networkError}{" "}
            <button type="button" class="button" onClick={() => setAttempt((n) => n + 1)}>
              {t.retry}
            </button>
          </p>
        </>
      );
  }
}
