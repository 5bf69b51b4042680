// Language of the web app: the person's choice (remembered), else the browser's language.
// Components read the catalogue with useI18n(); <html lang> follows the choice.
import { createContext, type ComponentChildren } from "preact";
import { useContext, useEffect, useMemo, useState } from "preact/hooks";
import { de, type Messages } from "./de";
import { en } from "./en";
import { readPreference, writePreference } from "../preferences";

export type Lang = "de" | "en";
export type { Messages };

export const languages: readonly Lang[] = ["de", "en"];
const catalogues: Record<Lang, Messages> = { de, en };
/** Each language's own name, so people find theirs whatever language is shown. */
export const languageNames: Record<Lang, string> = { de: "Deutsch", en: "English" };

function isLang(value: string | null): value is Lang {
  return value === "de" || value === "en";
}

export function initialLang(): Lang {
  const stored = readPreference("lang");
  if (isLang(stored)) return stored;
  return navigator.language.toLowerCase().startsWith("de") ? "de" : "en";
}

export interface I18n {
  lang: Lang;
  t: Messages;
  setLang: (lang: Lang) => void;
  /** Date and time of an RFC 3339 timestamp in the chosen language. */
  formatDateTime: (iso: string) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const value = useMemo<I18n>(() => {
    // Made on first use: creating an Intl.DateTimeFormat loads locale data, which costs the
    // first screen time that pages without dates need not spend.
    let dateTime: Intl.DateTimeFormat | null = null;
    return {
      lang,
      t: catalogues[lang],
      setLang: (next: Lang) => {
        writePreference("lang", next);
        setLangState(next);
      },
      formatDateTime: (iso: string) => {
        const date = new Date(iso);
        dateTime ??= new Intl.DateTimeFormat(lang === "de" ? "de-DE" : "en-GB", {
          dateStyle: "medium",
          timeStyle: "short",
        });
        return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
      },
    };
  }, [lang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === null) throw new Error("useI18n outside I18nProvider");
  return value;
}

/** The de/en switch: a labelled select, so it works with keyboard and screen readers alike. */
export function LanguageSwitch() {
  const { lang, t, setLang } = useI18n();
  return (
    <label class="language-switch">
      <span>{t.language}</span>
      <select
        value={lang}
        onChange={(event) => {
          const value = event.currentTarget.value;
          if (isLang(value)) setLang(value);
        }}
      >
        {languages.map((l) => (
          <option key={l} value={l} lang={l}>
            {languageNames[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * A module's own message catalogue in the chosen language. Each module keeps one beside its
 * screens (de is the reference, typed; en must have the same keys), so its strings travel in
 * its lazily loaded chunk.
 */
export function useCatalogue<M>(catalogues: Record<Lang, M>): M {
  return catalogues[useI18n().lang];
}

/**
 * The reader's own locale for dates and numbers in the chosen language: their browser's variant
 * of it (en-US, de-AT, …) when they have one, else de-DE or en-GB.
 */
export function readerLocale(lang: Lang): string {
  const own = navigator.languages.find((tag) => tag.toLowerCase().split("-")[0] === lang);
  return own ?? (lang === "de" ? "de-DE" : "en-GB");
}
