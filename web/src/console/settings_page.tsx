// City admins: the city's name, colours, contact and modules (GET/PUT …/settings). The rest of
// the document (districts, map, domains, module settings) is sent back as it was read.
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, apiVersioned, cityPath } from "../api/http";
import type { CitySettings } from "../api/types";
import { useI18n } from "../i18n";
import { useConsole } from "./console_context";
import { PageHeading } from "./page_heading";
import { problemText } from "./problem_text";
import { moduleTitle } from "./roles";
import { useAction } from "./use_action";
import { contrastRatio } from "../theme/contrast";

/** WCAG 2.1 AA for normal text (1.4.3). */
const minimumContrast = 4.5;

/** The contrast of white text on `primary`, or null when it is no colour (yet). */
function contrastOnWhiteText(primary: string): number | null {
  if (!/^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/.test(primary.trim())) return null;
  try {
    return contrastRatio(primary.trim(), "#ffffff");
  } catch {
    return null;
  }
}

/** The input a rejected field belongs to ("branding.primary_color", "modules"). */
function rejectedField(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const field = error.problem?.field ?? "";
  return field === "" ? null : field.startsWith("modules") ? "modules" : field;
}

export function SettingsPage() {
  const { t, lang } = useI18n();
  const { city } = useConsole();
  const load = useAction();
  const save = useAction();
  const [doc, setDoc] = useState<CitySettings | null>(null);
  // The version the form was read from: a save sends it as If-Match, so that a change another
  // admin saved meanwhile is refused (412) rather than overwritten.
  const [etag, setEtag] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const bad = rejectedField(save.error);

  const reload = () =>
    load.run(async () => {
      const read = await apiVersioned<CitySettings>("GET", cityPath(city.slug, "settings"));
      setDoc(read.data);
      setEtag(read.etag);
      save.clearError();
    });
  useEffect(() => {
    void reload();
  }, [city.slug]);
  const changedElsewhere = save.error instanceof ApiError && save.error.status === 412;
  // A rejected field gets the focus, so its message is read with it.
  useEffect(() => {
    if (bad !== null) form.current?.querySelector<HTMLElement>(`[name="${bad}"]`)?.focus();
  }, [save.error]);

  if (doc === null) {
    return (
      <>
        <PageHeading>{t.settingsHeading}</PageHeading>
        <p role="alert" class="form-error">
          {load.error === null ? t.loading : problemText(t, load.error)}
        </p>
      </>
    );
  }

  const edit = (change: (d: CitySettings) => CitySettings) => {
    setSaved(false);
    setDoc(change(doc));
  };
  const contrast = contrastOnWhiteText(doc.branding.primary_color);
  const lowContrast = contrast !== null && contrast < minimumContrast;
  const text = (name: string, label: string, value: string, set: (v: string) => void, hint?: string) => (
    <div class="field">
      <label for={`settings-${name}`}>{label}</label>
      <input
        id={`settings-${name}`}
        name={name}
        value={value}
        aria-invalid={bad === name}
        aria-describedby={hint === undefined ? "settings-error" : `settings-${name}-hint settings-error`}
        onInput={(e) => set(e.currentTarget.value)}
      />
      {hint !== undefined && (
        <p id={`settings-${name}-hint`} class="hint">
          {hint}
        </p>
      )}
    </div>
  );
  const submit = async (event: Event) => {
    event.preventDefault();
    const stored = await save.run(() =>
      apiVersioned<CitySettings>(
        "PUT",
        cityPath(city.slug, "settings"),
        doc,
        etag === null ? undefined : { "If-Match": etag },
      ),
    );
    if (stored === undefined) return;
    setDoc(stored.data);
    setEtag(stored.etag);
    setSaved(true);
  };

  return (
    <>
      <PageHeading>{t.settingsHeading}</PageHeading>
      <p>{t.settingsIntro}</p>
      <form class="form" ref={form} onSubmit={submit}>
        {text("name", t.cityName, doc.name, (v) => edit((d) => ({ ...d, name: v })))}
        {text(
          "branding.primary_color",
          t.primaryColor,
          doc.branding.primary_color,
          (v) => edit((d) => ({ ...d, branding: { ...d.branding, primary_color: v } })),
          t.colorHint,
        )}
        {/* Live while typing: the citizen app puts white text on this colour (buttons, header). */}
        <p id="settings-contrast" class="contrast-warning" role="status">
          {lowContrast && contrast !== null
            ? t.contrastWarning(
                new Intl.NumberFormat(lang === "de" ? "de-DE" : "en-GB", {
                  minimumFractionDigits: 1,
                  maximumFractionDigits: 1,
                }).format(contrast),
              )
            : ""}
        </p>
        {text(
          "branding.secondary_color",
          t.secondaryColor,
          doc.branding.secondary_color,
          (v) => edit((d) => ({ ...d, branding: { ...d.branding, secondary_color: v } })),
          t.colorHint,
        )}
        <fieldset>
          <legend>{t.contactHeading}</legend>
          {(["phone", "email", "website", "address"] as const).map((key) =>
            text(`contact.${key}`, t[key], doc.contact[key], (v) =>
              edit((d) => ({ ...d, contact: { ...d.contact, [key]: v } })),
            ),
          )}
        </fieldset>
        <fieldset name="modules" tabIndex={-1}>
          <legend>{t.modulesEnabled}</legend>
          {Object.entries(doc.modules).map(([name, module]) => (
            <div class="checkbox" key={name}>
              <input
                id={`settings-module-${name}`}
                type="checkbox"
                checked={module.enabled}
                onChange={(e) => {
                  const enabled = e.currentTarget.checked;
                  edit((d) => ({ ...d, modules: { ...d.modules, [name]: { ...module, enabled } } }));
                }}
              />
              <label for={`settings-module-${name}`}>
                {moduleTitle(
                  city.modules.find((m) => m.name === name),
                  name,
                  lang,
                )}
              </label>
            </div>
          ))}
        </fieldset>
        <p id="settings-error" role="alert" class="form-error">
          {save.error === null ? "" : changedElsewhere ? t.settingsChangedElsewhere : problemText(t, save.error)}
        </p>
        {changedElsewhere && (
          <button type="button" class="button" onClick={() => void reload()}>
            {t.settingsReload}
          </button>
        )}
        <p role="status" class="status-message">
          {saved ? t.settingsSaved : ""}
        </p>
        <div class="form-buttons">
          <button type="submit" class="button button-primary" aria-disabled={save.pending}>
            {save.pending ? t.saving : t.save}
          </button>
        </div>
      </form>
    </>
  );
}
