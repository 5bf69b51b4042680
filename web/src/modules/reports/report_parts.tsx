// Pieces the Mängelmelder's screens share: a report's status badge, its category's title, its
// answers to the category's questions, its photos and its public history.
import { useCity } from "../../citizen/city_context";
import { useCatalogue, useI18n, type Lang } from "../../i18n";
import { reportsMessages } from "./messages";
import {
  categoryOf,
  groupedCategories,
  statusLabel,
  isOpenStatus,
  type HistoryEntry,
  type PublicReport,
  type ReportPhoto,
  type ReportsSettings,
} from "./reports_types";

export function categoryTitle(settings: ReportsSettings, code: string, lang: Lang): string {
  const category = categoryOf(settings, code);
  return category === undefined ? code : category.title[lang] || category.title.de;
}

/** The city's categories as <option>s, in an <optgroup> per group. */
export function CategoryOptions({ settings, lang }: { settings: ReportsSettings; lang: Lang }) {
  return (
    <>
      {groupedCategories(settings).map(({ group, categories }) => {
        const options = categories.map((c) => (
          <option key={c.code} value={c.code}>
            {c.title[lang] || c.title.de}
          </option>
        ));
        return group === null ? (
          options
        ) : (
          <optgroup key={group.id} label={group.title[lang] || group.title.de}>
            {options}
          </optgroup>
        );
      })}
    </>
  );
}

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span class={`badge status-badge ${isOpenStatus(status) ? "status-open" : "status-closed"} status-${status}`}>
      {label}
    </span>
  );
}

/** The report's answers to its category's questions, with their labels. */
export function AnswerList({ report, settings }: { report: PublicReport; settings: ReportsSettings }) {
  const { lang } = useI18n();
  const category = categoryOf(settings, report.category);
  const rows = (category?.attributes ?? []).flatMap((attribute) => {
    const value = report.attributes[attribute.code];
    if (value === undefined || value === null || value === "") return [];
    const keys = Array.isArray(value) ? value.map(String) : [String(value)];
    const text = keys
      .map((key) => {
        const option = attribute.options.find((o) => o.key === key);
        return option === undefined ? key : option.label[lang] || option.label.de;
      })
      .join(", ");
    return [{ label: attribute.label[lang] || attribute.label.de, text }];
  });
  if (rows.length === 0) return null;
  return (
    <dl class="facts">
      {rows.map((row) => (
        <div key={row.label}>
          <dt>{row.label}</dt>
          <dd>{row.text}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Thumbnails linking to the full photos (public URLs), or given data: URLs (the device's own). */
export function PhotoList({ photos, local }: { photos: ReportPhoto[]; local?: string[] }) {
  const m = useCatalogue(reportsMessages);
  if (photos.length > 0)
    return (
      <ul class="photo-thumbs">
        {photos.map((photo, i) => (
          <li key={photo.url}>
            <a href={photo.url} target="_blank" rel="noopener">
              <img src={photo.thumbnail_url} alt={m.photoAlt(photo.position ?? i + 1)} width={120} height={120} />
            </a>
          </li>
        ))}
      </ul>
    );
  if (local !== undefined && local.length > 0)
    return (
      <ul class="photo-thumbs">
        {local.map((src, i) => (
          <li key={i}>
            <img src={src} alt={m.photoAlt(i + 1)} width={120} height={120} />
          </li>
        ))}
      </ul>
    );
  return null;
}

/** The history entries the citizen sees (status changes and answers), oldest first. */
export function HistoryList({ entries, labels }: { entries: HistoryEntry[]; labels: (status: string) => string }) {
  const { dates } = useCity();
  if (entries.length === 0) return null;
  return (
    <ol class="history">
      {entries.map((entry, i) => (
        <li key={i}>
          <time dateTime={entry.at}>{dates.dateTime(entry.at)}</time>
          {entry.status !== null && <strong>{labels(entry.status)}</strong>}
          {entry.text !== "" && <span>{entry.text}</span>}
        </li>
      ))}
    </ol>
  );
}

/** A status's label in the chosen language, from a report of that status or the catalogue. */
export function useStatusLabels(): (status: string, known?: { de: string; en: string }) => string {
  const { lang } = useI18n();
  return (status, known) => known?.[lang] || statusLabel(status, lang);
}
