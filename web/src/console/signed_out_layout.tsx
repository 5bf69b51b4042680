// The frame of the screens before a session exists (sign-in, loading, failure): the console's
// name and the language switch, and a narrow main column.
import type { ComponentChildren } from "preact";
import { LanguageSwitch, useI18n } from "../i18n";

export function SignedOutLayout({ children }: { children: ComponentChildren }) {
  const { t } = useI18n();
  return (
    <>
      <header class="console-header">
        <span class="console-brand">{t.consoleTitle}</span>
        <div class="console-header-tools">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" class="console-main console-main-narrow">
        {children}
      </main>
    </>
  );
}
