import { useI18n } from "../i18n";
import { useConsole } from "./console_context";
import { PageHeading } from "./page_heading";
import { moduleTitle } from "./roles";

/** Stands in for a module's screens until the module brings its own (web/src/modules/<name>/). */
export function ModulePlaceholder({ module }: { module: string }) {
  const { t, lang } = useI18n();
  const { city } = useConsole();
  const title = moduleTitle(
    city.modules.find((m) => m.name === module),
    module,
    lang,
  );
  return (
    <>
      <PageHeading>{t.comingSoon(title)}</PageHeading>
      <p>{t.comingSoonText}</p>
    </>
  );
}
