// Fields shared by the content editors (news, events): Markdown text with a preview, category,
// districts, image upload with alternative text, and publication status with an optional time.
import { micromark } from "micromark";
import { useMemo, useState } from "preact/hooks";
import { apiRaw, cityPath } from "../../api/http";
import { useI18n } from "../../i18n";
import { useConsole } from "../console_context";
import { isSessionLost } from "../problem_text";
import type { EditorCity } from "./editor_city";
import { controlAria, FieldGroup, FieldMessage, LabelledField, TextArea, TextField, type FormKit } from "./form_kit";
import { useEditorMessages } from "./messages";

/**
 * Markdown source and its rendering. micromark follows CommonMark like the server's cmark; raw
 * HTML is shown escaped and links with dangerous protocols lose their target, so the preview
 * can be inserted as HTML. Images are not part of the server's safe subset: not rendered here.
 */
export function MarkdownField({
  kit,
  name,
  label,
  value,
  onValue,
  maxLength,
}: {
  kit: FormKit;
  name: string;
  label: string;
  value: string;
  onValue: (value: string) => void;
  maxLength: number;
}) {
  const m = useEditorMessages();
  const html = useMemo(
    () => (value.trim() === "" ? "" : micromark(value, { extensions: [{ disable: { null: ["labelStartImage"] } }] })),
    [value],
  );
  const previewId = `${kit.id(name)}-preview`;
  return (
    <div class="markdown-field">
      <TextArea
        kit={kit}
        name={name}
        label={label}
        hint={m.markdownHint}
        value={value}
        onValue={onValue}
        rows={10}
        maxLength={maxLength}
      />
      <section class="markdown-preview" aria-labelledby={`${previewId}-heading`}>
        <h3 id={`${previewId}-heading`}>
          {m.preview}: {label}
        </h3>
        {html === "" ? (
          <p class="hint">{m.previewEmpty}</p>
        ) : (
          <div id={previewId} class="markdown-body" dangerouslySetInnerHTML={{ __html: html }} />
        )}
      </section>
    </div>
  );
}

/** A content's text: Markdown with its preview, or HTML (as imported) edited as it is. */
export function FormattedTextField({
  kit,
  name,
  label,
  format,
  value,
  onValue,
}: {
  kit: FormKit;
  name: string;
  label: string;
  format: "markdown" | "html";
  value: string;
  onValue: (value: string) => void;
}) {
  if (format === "markdown")
    return <MarkdownField kit={kit} name={name} label={label} maxLength={50000} value={value} onValue={onValue} />;
  return <TextArea kit={kit} name={name} label={`${label} (HTML)`} rows={10} value={value} onValue={onValue} />;
}

export function CategoryField({
  kit,
  city,
  value,
  onValue,
}: {
  kit: FormKit;
  city: EditorCity;
  value: string;
  onValue: (value: string) => void;
}) {
  const m = useEditorMessages();
  const { lang } = useI18n();
  const known = city.categories.some((c) => c.slug === value);
  const hint = city.categories.length === 0 ? m.noCategories : undefined;
  return (
    <LabelledField kit={kit} name="category" label={m.category} hint={hint}>
      <select
        id={kit.id("category")}
        name="category"
        value={value}
        required
        {...controlAria(kit, "category", hint)}
        onChange={(e) => onValue(e.currentTarget.value)}
      >
        <option value="">{m.chooseCategory}</option>
        {city.categories.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c.title[lang]}
          </option>
        ))}
        {/* A category the city removed since stays visible, so saving does not change it silently. */}
        {!known && value !== "" && <option value={value}>{value}</option>}
      </select>
    </LabelledField>
  );
}

export function DistrictsField({
  kit,
  city,
  value,
  onValue,
}: {
  kit: FormKit;
  city: EditorCity;
  value: string[];
  onValue: (value: string[]) => void;
}) {
  const m = useEditorMessages();
  if (city.districts.length === 0) return null;
  return (
    <FieldGroup kit={kit} name="districts" legend={m.districts} hint={m.districtsHint}>
      <div class="checkbox-grid">
        {city.districts.map((d) => {
          const id = `${kit.id("districts")}-${d.id}`;
          return (
            <div class="checkbox" key={d.id}>
              <input
                type="checkbox"
                id={id}
                value={d.id}
                checked={value.includes(d.id)}
                onChange={(e) => {
                  const checked = e.currentTarget.checked;
                  onValue(checked ? [...value.filter((v) => v !== d.id), d.id] : value.filter((v) => v !== d.id));
                }}
              />
              <label for={id}>{d.name}</label>
            </div>
          );
        })}
      </div>
    </FieldGroup>
  );
}

export interface ImageValue {
  url: string;
  alt: string;
}

interface MediaAnswer {
  url: string;
  width: number;
  height: number;
}

/** Upload (POST …/media, checked and re-encoded by the server) and the required alternative text. */
export function ImageField({
  kit,
  value,
  onValue,
}: {
  kit: FormKit;
  value: ImageValue | null;
  onValue: (value: ImageValue | null) => void;
}) {
  const m = useEditorMessages();
  const { city, sessionLost } = useConsole();
  const [uploading, setUploading] = useState(false);
  const [status, setStatus] = useState("");

  const upload = async (file: File) => {
    setUploading(true);
    setStatus(m.imageUploading);
    kit.clear();
    try {
      const media = await apiRaw<MediaAnswer>(
        "POST",
        cityPath(city.slug, "media"),
        file,
        file.type || "application/octet-stream",
      );
      onValue({ url: media.url, alt: value?.alt ?? "" });
      setStatus(m.imageUploaded);
    } catch (error) {
      if (isSessionLost(error)) sessionLost();
      setStatus("");
      kit.fail(error);
    } finally {
      setUploading(false);
    }
  };

  return (
    <FieldGroup kit={kit} name="image.group" legend={m.image}>
      {value !== null && (
        <figure class="image-preview">
          <img src={value.url} alt="" />
          <figcaption>
            {m.imageCurrent}: <code>{value.url}</code>
          </figcaption>
        </figure>
      )}
      <LabelledField kit={kit} name="image" label={m.imageFile} hint={undefined}>
        <input
          type="file"
          id={kit.id("image")}
          name="image"
          accept="image/jpeg,image/png,image/webp,image/heic,image/heif"
          {...controlAria(kit, "image", undefined)}
          aria-disabled={uploading}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file !== undefined) void upload(file);
          }}
        />
      </LabelledField>
      <p role="status" class="status-message">
        {status}
      </p>
      {value !== null && (
        <>
          <TextField
            kit={kit}
            name="image.alt"
            label={m.imageAlt}
            hint={m.imageAltHint}
            required
            maxLength={300}
            value={value.alt}
            onValue={(alt) => onValue({ ...value, alt })}
          />
          <div class="form-buttons">
            <button
              type="button"
              class="button"
              onClick={() => {
                onValue(null);
                setStatus(m.imageRemoved);
                document.getElementById(kit.id("image"))?.focus();
              }}
            >
              {m.imageRemove}
            </button>
          </div>
        </>
      )}
    </FieldGroup>
  );
}

export type PublishStatus = "draft" | "published";

/** Draft or published, and when publishing, an optional time (a later one schedules it). */
export function StatusField({
  kit,
  city,
  status,
  publishAt,
  onStatus,
  onPublishAt,
}: {
  kit: FormKit;
  city: EditorCity;
  status: PublishStatus;
  /** A datetime-local value in the city's time zone, or "". */
  publishAt: string;
  onStatus: (status: PublishStatus) => void;
  onPublishAt: (value: string) => void;
}) {
  const m = useEditorMessages();
  const option = (value: PublishStatus, label: string) => (
    <div class="checkbox">
      <input
        type="radio"
        id={`${kit.id("status")}-${value}`}
        name="status"
        value={value}
        checked={status === value}
        onChange={() => onStatus(value)}
      />
      <label for={`${kit.id("status")}-${value}`}>{label}</label>
    </div>
  );
  return (
    <FieldGroup kit={kit} name="status.group" legend={m.status}>
      {option("draft", m.statusDraft)}
      {option("published", m.statusPublish)}
      {status === "published" && (
        <TextField
          kit={kit}
          name="publish_at"
          type="datetime-local"
          label={m.publishAt}
          hint={m.publishAtHint(city.timeZone)}
          value={publishAt}
          onValue={onPublishAt}
        />
      )}
      <FieldMessage kit={kit} name="status" />
    </FieldGroup>
  );
}
