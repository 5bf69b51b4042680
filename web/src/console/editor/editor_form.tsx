// What the news and events forms share: loading the item (GET …/{module}/editorial/{id}) into a
// draft, the screen while it loads or when it failed, the publication state of a draft, the
// checks before sending, POST …/{module} or PUT …/{module}/{id} with a refused field marked, and
// the page around the fields (heading, back link, error summary, save and cancel).
import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api, ApiError, cityPath } from "../../api/http";
import { useI18n } from "../../i18n";
import { useConsole } from "../console_context";
import { Link, navigate } from "../console_router";
import { PageHeading } from "../page_heading";
import { problemText } from "../problem_text";
import { useAction, type Action } from "../use_action";
import { localToRfc3339, rfc3339ToLocal } from "./city_time";
import { StatusField, type PublishStatus } from "./content_fields";
import { useModuleTitle, type EditorCity } from "./editor_city";
import { ErrorSummary, TextField, useFormKit, type FieldError, type FormKit } from "./form_kit";
import { useEditorMessages } from "./messages";
import type { ModuleFormProps } from "./module_console";

/** The publication part of a draft, as StatusField edits it. */
export interface Publication {
  status: PublishStatus;
  /** datetime-local in the city's zone, or "". */
  publishAt: string;
  /** The publication time as stored (RFC 3339, to the second): kept when the field is unchanged. */
  storedPublishAt: string | null;
}

export const unpublished: Publication = { status: "draft", publishAt: "", storedPublishAt: null };

/** The draft's publication for a stored item with `status` and publication time `when`. */
export function publicationOf(
  status: "draft" | "scheduled" | "published",
  when: string | null | undefined,
  timeZone: string,
): Publication {
  return {
    status: status === "draft" ? "draft" : "published",
    publishAt: when === null || when === undefined ? "" : rfc3339ToLocal(when, timeZone),
    storedPublishAt: when ?? null,
  };
}

/** A check in the browser that failed: shown at `field`. */
export class InputProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The publish_at to send, if any: the stored time when the field is unchanged. */
export function publishAtOf(draft: Publication, timeZone: string, badDateTime: string): string | undefined {
  if (draft.status !== "published" || draft.publishAt === "") return undefined;
  const unchanged =
    draft.storedPublishAt !== null && draft.publishAt === rfc3339ToLocal(draft.storedPublishAt, timeZone);
  const at = unchanged ? draft.storedPublishAt : localToRfc3339(draft.publishAt, timeZone);
  if (at === null) throw new InputProblem("publish_at", badDateTime);
  return at;
}

/** set(key)(value): the draft with `key` changed. */
export function setterOf<Draft>(draft: Draft, setDraft: (draft: Draft) => void) {
  return <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft({ ...draft, [key]: value });
}

interface Stored {
  title: string;
}

/** A module's words for its editor form (from its message catalogue). */
export interface EditorTexts {
  createHeading: string;
  editHeading: (title: string) => string;
  title: string;
  created: (title: string) => string;
  saved: (title: string) => string;
  /** Said when the item does not exist (404). */
  notFound: string;
}

/** What the page around the fields needs of the form. */
export interface EditorPage {
  kit: FormKit;
  load: Action;
  save: Action;
  module: string;
  city: EditorCity;
  id: string | null;
  texts: EditorTexts;
  heading: string;
  listPath: string;
  /** The draft with `change` applied. */
  update: (change: Partial<TitledDraft>) => void;
}

export interface EditorForm<Draft> extends EditorPage {
  /** Loading the item; its error is shown by EditorLoading. */
  /** null while the item loads (or when it could not be loaded). */
  draft: Draft | null;
  setDraft: (draft: Draft) => void;
  /**
   * The submit handler: checks the draft with `inputOf` (an InputProblem marks its field), sends it,
   * and on success says it was created or saved and goes back to the list.
   */
  submit: <Input>(inputOf: () => Input) => (event: Event) => Promise<void>;
}

/** What a module's editor form is: its API, element ids, empty draft and list. */
export interface EditorSpec<Item, Draft> {
  /** The API segment and module ("news", "events"). */
  module: string;
  /** Prefix of the element ids ("news", "event"). */
  kitPrefix: string;
  empty: Draft;
  /** The draft of a loaded item, its times in `timeZone`. */
  draftOf: (item: Item, timeZone: string) => Draft;
  listPath: string;
}

export function useEditorForm<Item extends Stored, Draft>(
  { module, kitPrefix, empty, draftOf, listPath }: EditorSpec<Item, Draft>,
  { city, id, onDone }: ModuleFormProps,
  texts: EditorTexts,
): EditorForm<Draft> {
  const timeZone = city.timeZone;
  const { city: consoleCity } = useConsole();
  const kit = useFormKit(kitPrefix);
  const load = useAction();
  const save = useAction();
  const [draft, setDraft] = useState<Draft | null>(id === null ? empty : null);
  const [loadedTitle, setLoadedTitle] = useState("");

  useEffect(() => {
    if (id === null) return;
    void load.run(async () => {
      const item = await api<Item>("GET", cityPath(consoleCity.slug, module, "editorial", id));
      setDraft(draftOf(item, timeZone));
      setLoadedTitle(item.title);
    });
  }, [id]);

  const submit =
    <Input,>(inputOf: () => Input) =>
    async (event: Event) => {
      event.preventDefault();
      kit.clear();
      let input: Input;
      try {
        input = inputOf();
      } catch (problem) {
        if (!(problem instanceof InputProblem)) throw problem;
        kit.fail({ field: problem.field, message: problem.message } satisfies FieldError);
        return;
      }
      const stored = await save.run(async () => {
        try {
          return id === null
            ? await api<Item>("POST", cityPath(consoleCity.slug, module), input)
            : await api<Item>("PUT", cityPath(consoleCity.slug, module, id), input);
        } catch (failure) {
          kit.fail(failure); // shown at its field; useAction handles a lost session
          throw failure;
        }
      });
      if (stored === undefined) return;
      onDone(id === null ? texts.created(stored.title) : texts.saved(stored.title));
      navigate(listPath);
    };

  return {
    kit,
    load,
    save,
    module,
    city,
    id,
    texts,
    heading: id === null ? texts.createHeading : texts.editHeading(loadedTitle),
    listPath,
    update: (change) => {
      if (draft !== null) setDraft({ ...draft, ...change });
    },
    draft,
    setDraft,
    submit,
  };
}

/** The screen while the item loads, or why it could not be loaded. */
export function EditorLoading({ form: { load, module, listPath, texts } }: { form: EditorPage }) {
  const { t } = useI18n();
  const m = useEditorMessages();
  const moduleHeading = useModuleTitle(module);
  const missing = load.error instanceof ApiError && load.error.status === 404;
  return (
    <>
      <PageHeading>{moduleHeading}</PageHeading>
      <p role={load.error === null ? "status" : "alert"} class={load.error === null ? "" : "form-error"}>
        {load.error === null ? t.loading : missing ? texts.notFound : problemText(t, load.error)}
      </p>
      <p>
        <Link href={listPath}>{m.backToList}</Link>
      </p>
    </>
  );
}

/** The title and publication of a draft, which every editor form has. */
export interface TitledDraft extends Publication {
  title: string;
}

/**
 * The page around an editor form's own fields: heading, back link, error summary, the title
 * first, the publication status last, then save and cancel.
 */
export function EditorFormPage({
  form: { kit, save, city, id, heading, listPath, texts, update },
  draft,
  onSubmit,
  children,
}: {
  form: EditorPage;
  draft: TitledDraft;
  onSubmit: (event: Event) => Promise<void>;
  /** The fields between title and publication. */
  children: ComponentChildren;
}) {
  const { t } = useI18n();
  const m = useEditorMessages();
  return (
    <>
      <PageHeading>{heading}</PageHeading>
      <p>
        <Link href={listPath}>{m.backToList}</Link>
      </p>
      <form class="form form-wide" ref={kit.form} onSubmit={onSubmit}>
        <ErrorSummary kit={kit} />
        <TextField
          kit={kit}
          name="title"
          label={texts.title}
          required
          maxLength={200}
          value={draft.title}
          onValue={(title) => update({ title })}
        />
        {children}
        <StatusField
          kit={kit}
          city={city}
          status={draft.status}
          publishAt={draft.publishAt}
          onStatus={(status) => update({ status })}
          onPublishAt={(publishAt) => update({ publishAt })}
        />
        <div class="form-buttons">
          <button type="submit" class="button button-primary" aria-disabled={save.pending}>
            {save.pending ? t.saving : id === null ? t.create : t.save}
          </button>
          <Link href={listPath}>{t.cancel}</Link>
        </div>
      </form>
    </>
  );
}
