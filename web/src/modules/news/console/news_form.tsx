// Create or edit a news item: POST …/news or PUT …/news/{id}. A refused field gets the focus.
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, cityPath } from "../../../api/http";
import { useI18n } from "../../../i18n";
import { useConsole } from "../../../console/console_context";
import { Link, navigate } from "../../../console/console_router";
import { localToRfc3339, rfc3339ToLocal } from "../../../console/editor/city_time";
import {
  CategoryField,
  DistrictsField,
  ImageField,
  MarkdownField,
  StatusField,
  type ImageValue,
  type PublishStatus,
} from "../../../console/editor/content_fields";
import { useModuleTitle, type EditorCity } from "../../../console/editor/editor_city";
import { CheckboxField, ErrorSummary, TextArea, TextField, useFormKit } from "../../../console/editor/form_kit";
import { useEditorMessages } from "../../../console/editor/messages";
import { PageHeading } from "../../../console/page_heading";
import { problemText } from "../../../console/problem_text";
import { useAction } from "../../../console/use_action";
import { useNewsMessages } from "./messages";
import { newsPath } from "./paths";
import type { EditorialNews, NewsInput } from "./types";

interface Draft {
  title: string;
  teaser: string;
  body: string;
  bodyFormat: "markdown" | "html";
  image: ImageValue | null;
  category: string;
  districts: string[];
  source: string;
  link: string;
  pinned: boolean;
  status: PublishStatus;
  /** datetime-local in the city's zone, or "". */
  publishAt: string;
  /** The publication time as stored (RFC 3339, to the second): kept when the field is unchanged. */
  storedPublishAt: string | null;
}

const empty: Draft = {
  title: "",
  teaser: "",
  body: "",
  bodyFormat: "markdown",
  image: null,
  category: "",
  districts: [],
  source: "",
  link: "",
  pinned: false,
  status: "draft",
  publishAt: "",
  storedPublishAt: null,
};

function draftOf(item: EditorialNews, timeZone: string): Draft {
  const when = item.status === "scheduled" ? item.publish_at : item.status === "published" ? item.published_at : null;
  return {
    title: item.title,
    teaser: item.teaser,
    body: item.body,
    bodyFormat: item.body_format,
    image: item.image,
    category: item.category,
    districts: item.districts,
    source: item.source,
    link: item.link,
    pinned: item.pinned,
    status: item.status === "draft" ? "draft" : "published",
    publishAt: when === null || when === undefined ? "" : rfc3339ToLocal(when, timeZone),
    storedPublishAt: when ?? null,
  };
}

export function NewsForm({
  city,
  id,
  onDone,
}: {
  city: EditorCity;
  /** null: a new item. */
  id: string | null;
  onDone: (message: string) => void;
}) {
  const { t } = useI18n();
  const m = useEditorMessages();
  const n = useNewsMessages();
  const moduleHeading = useModuleTitle("news");
  const { city: consoleCity } = useConsole();
  const kit = useFormKit("news");
  const load = useAction();
  const save = useAction();
  const [draft, setDraft] = useState<Draft | null>(id === null ? empty : null);
  const [loadedTitle, setLoadedTitle] = useState("");

  useEffect(() => {
    if (id === null) return;
    void load.run(async () => {
      const item = await api<EditorialNews>("GET", cityPath(consoleCity.slug, "news", "editorial", id));
      setDraft(draftOf(item, city.timeZone));
      setLoadedTitle(item.title);
    });
  }, [id]);

  const heading = id === null ? n.createHeading : n.editHeading(loadedTitle);
  if (draft === null) {
    const missing = load.error instanceof ApiError && load.error.status === 404;
    return (
      <>
        <PageHeading>{id === null ? n.createHeading : moduleHeading}</PageHeading>
        <p role={load.error === null ? "status" : "alert"} class={load.error === null ? "" : "form-error"}>
          {load.error === null ? t.loading : missing ? n.notFound : problemText(t, load.error)}
        </p>
        <p>
          <Link href={newsPath()}>{m.backToList}</Link>
        </p>
      </>
    );
  }

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft({ ...draft, [key]: value });

  const submit = async (event: Event) => {
    event.preventDefault();
    kit.clear();
    const input: NewsInput = {
      title: draft.title.trim(),
      teaser: draft.teaser.trim(),
      body: draft.body,
      body_format: draft.bodyFormat,
      image: draft.image === null ? null : { url: draft.image.url, alt: draft.image.alt.trim() },
      category: draft.category,
      districts: draft.districts,
      source: draft.source.trim(),
      link: draft.link.trim(),
      pinned: draft.pinned,
      status: draft.status,
    };
    if (draft.status === "published" && draft.publishAt !== "") {
      const unchanged =
        draft.storedPublishAt !== null && draft.publishAt === rfc3339ToLocal(draft.storedPublishAt, city.timeZone);
      const at = unchanged ? draft.storedPublishAt : localToRfc3339(draft.publishAt, city.timeZone);
      if (at === null) {
        kit.fail({ field: "publish_at", message: m.badDateTime });
        return;
      }
      input.publish_at = at;
    }
    const stored = await save.run(async () => {
      try {
        return id === null
          ? await api<EditorialNews>("POST", cityPath(consoleCity.slug, "news"), input)
          : await api<EditorialNews>("PUT", cityPath(consoleCity.slug, "news", id), input);
      } catch (failure) {
        kit.fail(failure); // shown at its field; useAction handles a lost session
        throw failure;
      }
    });
    if (stored === undefined) return;
    onDone(id === null ? n.created(stored.title) : n.saved(stored.title));
    navigate(newsPath());
  };

  return (
    <>
      <PageHeading>{heading}</PageHeading>
      <p>
        <Link href={newsPath()}>{m.backToList}</Link>
      </p>
      <form class="form form-wide" ref={kit.form} onSubmit={submit}>
        <ErrorSummary kit={kit} />
        <TextField
          kit={kit}
          name="title"
          label={n.title}
          required
          maxLength={200}
          value={draft.title}
          onValue={set("title")}
        />
        <TextArea
          kit={kit}
          name="teaser"
          label={n.teaser}
          hint={n.teaserHint}
          maxLength={500}
          rows={3}
          value={draft.teaser}
          onValue={set("teaser")}
        />
        {draft.bodyFormat === "markdown" ? (
          <MarkdownField
            kit={kit}
            name="body"
            label={n.body}
            maxLength={50000}
            value={draft.body}
            onValue={set("body")}
          />
        ) : (
          <TextArea
            kit={kit}
            name="body"
            label={`${n.body} (HTML)`}
            rows={10}
            value={draft.body}
            onValue={set("body")}
          />
        )}
        <CategoryField kit={kit} city={city} value={draft.category} onValue={set("category")} />
        <DistrictsField kit={kit} city={city} value={draft.districts} onValue={set("districts")} />
        <ImageField kit={kit} value={draft.image} onValue={set("image")} />
        <TextField
          kit={kit}
          name="source"
          label={n.source}
          hint={n.sourceHint}
          maxLength={200}
          value={draft.source}
          onValue={set("source")}
        />
        <TextField
          kit={kit}
          name="link"
          type="url"
          label={n.link}
          hint={n.linkHint}
          maxLength={1000}
          value={draft.link}
          onValue={set("link")}
        />
        <CheckboxField
          kit={kit}
          name="pinned"
          label={n.pinned}
          hint={n.pinnedHint}
          checked={draft.pinned}
          onChecked={set("pinned")}
        />
        <StatusField
          kit={kit}
          city={city}
          status={draft.status}
          publishAt={draft.publishAt}
          onStatus={set("status")}
          onPublishAt={set("publishAt")}
        />
        <div class="form-buttons">
          <button type="submit" class="button button-primary" aria-disabled={save.pending}>
            {save.pending ? t.saving : id === null ? t.create : t.save}
          </button>
          <Link href={newsPath()}>{t.cancel}</Link>
        </div>
      </form>
    </>
  );
}
