// Create or edit a news item: POST …/news or PUT …/news/{id}. A refused field gets the focus.
import { CategoryField, DistrictsField, ImageField, FormattedTextField } from "../../../console/editor/content_fields";
import {
  EditorFormPage,
  EditorLoading,
  publicationOf,
  publishAtOf,
  setterOf,
  unpublished,
  useEditorForm,
  type EditorSpec,
  type TitledDraft,
} from "../../../console/editor/editor_form";
import { CheckboxField, TextArea, TextField } from "../../../console/editor/form_kit";
import { useEditorMessages } from "../../../console/editor/messages";
import type { ModuleFormProps } from "../../../console/editor/module_console";
import { useNewsMessages } from "./messages";
import { newsPath } from "./paths";
import type { EditorialNews, NewsFields, NewsInput } from "./types";

/** The item's fields as the API names them, but for the body's format. */
interface Draft
  extends
    TitledDraft,
    Pick<NewsFields, "teaser" | "body" | "image" | "category" | "districts" | "source" | "link" | "pinned"> {
  bodyFormat: NewsFields["body_format"];
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
  ...unpublished,
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
    ...publicationOf(item.status, when, timeZone),
  };
}

const spec: EditorSpec<EditorialNews, Draft> = {
  module: "news",
  kitPrefix: "news",
  empty,
  draftOf,
  listPath: newsPath(),
};

export function NewsForm(props: ModuleFormProps) {
  const { city } = props;
  const m = useEditorMessages();
  const n = useNewsMessages();
  const form = useEditorForm(spec, props, n);
  const { kit, draft, setDraft } = form;

  if (draft === null) return <EditorLoading form={form} />;

  const set = setterOf(draft, setDraft);

  const submit = form.submit((): NewsInput => {
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
    const at = publishAtOf(draft, city.timeZone, m.badDateTime);
    if (at !== undefined) input.publish_at = at;
    return input;
  });

  return (
    <EditorFormPage form={form} draft={draft} onSubmit={submit}>
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
      <FormattedTextField
        kit={kit}
        name="body"
        label={n.body}
        format={draft.bodyFormat}
        value={draft.body}
        onValue={set("body")}
      />
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
    </EditorFormPage>
  );
}
