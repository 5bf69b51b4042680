// A module's console screens, loaded on first use (one chunk per module, declared by its
// src/modules/<name>/module.ts); modules without screens yet show the placeholder.
import { useI18n } from "../i18n";
import { webModule } from "../modules/index";
import { useLoad } from "../shared/use_load";
import { useConsole } from "./console_context";
import { ModulePlaceholder } from "./module_placeholder";
import { PageHeading } from "./page_heading";
import { moduleTitle } from "./roles";

const noScreens = () => Promise.reject(new Error("no console screens"));

export function ModuleScreen({ module, rest }: { module: string; rest: string[] }) {
  const { t, lang } = useI18n();
  const { city } = useConsole();
  const loader = webModule(module)?.console;
  const loaded = useLoad(loader ?? noScreens, module);

  if (loader === undefined) return <ModulePlaceholder module={module} />;
  switch (loaded.state) {
    case "ready": {
      const Screen = loaded.data.default;
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
            <button type="button" class="button" onClick={loaded.reload}>
              {t.retry}
            </button>
          </p>
        </>
      );
  }
}
