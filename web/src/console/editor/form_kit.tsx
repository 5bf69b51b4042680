// The pieces of an editor form: labelled fields whose ids and names follow the API's field
// paths ("title", "image.alt", "venue.lat"), and one error state. A refused request (422 with
// `field`) or a check in the browser marks that field, shows its message beside it and in an
// error summary at the top, and moves the focus to the field, so it is read with its message.
import type { ComponentChildren, RefObject } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError } from "../../api/http";
import { useI18n } from "../../i18n";
import { problemText } from "../problem_text";
import { useEditorMessages } from "./messages";

export interface FieldError {
  /** The API field path, or null for a failure that belongs to no field. */
  field: string | null;
  message: string;
}

/** Candidate control names for a field path: "districts[2]" → districts; "venue.lat.x" → venue.lat, venue. */
function fieldCandidates(field: string): string[] {
  const out: string[] = [];
  let rest = field.replace(/\[\d+\]/g, "");
  out.push(field, rest);
  while (rest.includes(".")) {
    rest = rest.slice(0, rest.lastIndexOf("."));
    out.push(rest);
  }
  return out;
}

function labelOf(control: HTMLElement): string | null {
  if (control instanceof HTMLFieldSetElement) return control.querySelector("legend")?.textContent?.trim() ?? null;
  const labels = (control as HTMLInputElement).labels;
  return labels?.[0]?.textContent?.trim() ?? null;
}

interface Target {
  /** The control's name (a field path), its label and id; null when no control matches. */
  name: string | null;
  label: string | null;
  controlId: string | null;
  serial: number;
}

const noTarget: Target = { name: null, label: null, controlId: null, serial: 0 };

export interface FormKit {
  target: Target;
  /** Prefix of the element ids ("news" → "news-title"). */
  prefix: string;
  form: RefObject<HTMLFormElement | null>;
  error: FieldError | null;
  /** Shows a failure: an ApiError (its problem's field and detail) or a FieldError. */
  fail: (error: unknown) => void;
  clear: () => void;
  id: (name: string) => string;
  /** True when the shown error belongs to the control named `name`. */
  invalid: (name: string) => boolean;
  /** aria-describedby for a control: its hint, and its error when it has one. */
  describedBy: (name: string, hasHint: boolean) => string | undefined;
}

export function useFormKit(prefix: string): FormKit {
  const { t } = useI18n();
  const form = useRef<HTMLFormElement>(null);
  const [error, setError] = useState<FieldError | null>(null);
  const [target, setTarget] = useState<Target>(noTarget);
  const serial = useRef(0);

  // First find the control (and mark it, with its message), then move the focus there once the
  // marks are rendered, so a screen reader reads the field with its message.
  useEffect(() => {
    if (error === null) return;
    let found: Target = { ...noTarget, serial: ++serial.current };
    if (error.field !== null && form.current !== null) {
      for (const candidate of fieldCandidates(error.field)) {
        const control = form.current.querySelector<HTMLElement>(`[name="${CSS.escape(candidate)}"]`);
        if (control !== null) {
          found = { name: candidate, label: labelOf(control), controlId: control.id, serial: found.serial };
          break;
        }
      }
    }
    setTarget(found);
  }, [error]);
  useEffect(() => {
    if (target.serial === 0 || form.current === null) return;
    const control =
      target.name === null ? null : form.current.querySelector<HTMLElement>(`[name="${CSS.escape(target.name)}"]`);
    (control ?? document.getElementById(`${prefix}-error-summary`))?.focus();
  }, [target]);

  const id = (name: string) => `${prefix}-${name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const invalid = (name: string) => error !== null && target.name === name;
  return {
    prefix,
    form,
    target,
    error,
    fail: (failure: unknown) => {
      if (failure instanceof ApiError) {
        const field = failure.problem?.field;
        setError({ field: field === undefined || field === "" ? null : field, message: problemText(t, failure) });
      } else if (failure !== null && typeof failure === "object" && "message" in failure && "field" in failure) {
        setError(failure as FieldError);
      } else {
        setError({ field: null, message: problemText(t, failure) });
      }
    },
    clear: () => {
      setError(null);
      setTarget(noTarget);
    },
    id,
    invalid,
    describedBy: (name, hasHint) => {
      const ids = [...(hasHint ? [`${id(name)}-hint`] : []), ...(invalid(name) ? [`${id(name)}-error`] : [])];
      return ids.length === 0 ? undefined : ids.join(" ");
    },
  };
}

/** The box at the top of a form that names the problem and links to the field. */
export function ErrorSummary({ kit }: { kit: FormKit }) {
  const m = useEditorMessages();
  const { error, target } = kit;
  return (
    <div id={`${kit.prefix}-error-summary`} class="error-summary" role="alert" tabIndex={-1} hidden={error === null}>
      {error !== null && (
        <>
          <h2>{m.errorSummaryHeading}</h2>
          <p>{error.message}</p>
          {target.label !== null && target.controlId !== null && target.controlId !== "" && (
            <p>
              <a
                href={`#${target.controlId}`}
                onClick={(event) => {
                  event.preventDefault();
                  document.getElementById(target.controlId ?? "")?.focus();
                }}
              >
                {m.goToField(target.label)}
              </a>
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** The message under a marked field. */
export function FieldMessage({ kit, name }: { kit: FormKit; name: string }) {
  if (!kit.invalid(name) || kit.error === null) return null;
  return (
    <p id={`${kit.id(name)}-error`} class="form-error field-error">
      {kit.error.message}
    </p>
  );
}

/** A field's hint, if any, with the id its control's aria-describedby names. */
export function FieldHint({ kit, name, hint }: { kit: FormKit; name: string; hint: string | undefined }) {
  if (hint === undefined) return null;
  return (
    <p id={`${kit.id(name)}-hint`} class="hint">
      {hint}
    </p>
  );
}

/** The aria attributes of the control named `name`: invalid while its error shows, described by hint and error. */
export function controlAria(kit: FormKit, name: string, hint: string | undefined) {
  return { "aria-invalid": kit.invalid(name), "aria-describedby": kit.describedBy(name, hint !== undefined) };
}

/** A control (`children`, id kit.id(name)) with its label above and its hint and error below. */
export function LabelledField({
  kit,
  name,
  label,
  hint,
  children,
}: {
  kit: FormKit;
  name: string;
  label: string;
  hint: string | undefined;
  children: ComponentChildren;
}) {
  return (
    <div class="field">
      <label for={kit.id(name)}>{label}</label>
      {children}
      <FieldHint kit={kit} name={name} hint={hint} />
      <FieldMessage kit={kit} name={name} />
    </div>
  );
}

interface BaseProps {
  kit: FormKit;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}

type InputProps = BaseProps & {
  value: string;
  onValue: (value: string) => void;
  type?: "text" | "url" | "date" | "time" | "datetime-local" | "number";
  maxLength?: number;
  step?: string;
  inputMode?: "decimal" | "numeric";
};

export function TextField({
  kit,
  name,
  label,
  hint,
  required = false,
  value,
  onValue,
  type = "text",
  ...rest
}: InputProps) {
  return (
    <LabelledField kit={kit} name={name} label={label} hint={hint}>
      <input
        // Preact types each input type's attributes apart; this field passes only common ones.
        type={type as "text"}
        {...rest}
        id={kit.id(name)}
        name={name}
        value={value}
        required={required}
        {...controlAria(kit, name, hint)}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </LabelledField>
  );
}

type AreaProps = BaseProps & { value: string; onValue: (value: string) => void; rows?: number; maxLength?: number };

export function TextArea({ kit, name, label, hint, required = false, value, onValue, rows = 4, maxLength }: AreaProps) {
  return (
    <LabelledField kit={kit} name={name} label={label} hint={hint}>
      <textarea
        id={kit.id(name)}
        name={name}
        rows={rows}
        value={value}
        required={required}
        {...(maxLength === undefined ? {} : { maxLength })}
        {...controlAria(kit, name, hint)}
        onInput={(e) => onValue(e.currentTarget.value)}
      />
    </LabelledField>
  );
}

export function CheckboxField({
  kit,
  name,
  label,
  checked,
  onChecked,
  hint,
}: {
  kit: FormKit;
  name: string;
  label: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
  hint?: string;
}) {
  return (
    <div class="field">
      <div class="checkbox">
        <input
          type="checkbox"
          id={kit.id(name)}
          name={name}
          checked={checked}
          {...controlAria(kit, name, hint)}
          onChange={(e) => onChecked(e.currentTarget.checked)}
        />
        <label for={kit.id(name)}>{label}</label>
      </div>
      <FieldHint kit={kit} name={name} hint={hint} />
      <FieldMessage kit={kit} name={name} />
    </div>
  );
}

/** A fieldset the error handling can focus (it carries the field's name). */
export function FieldGroup({
  kit,
  name,
  legend,
  hint,
  children,
}: {
  kit: FormKit;
  name: string;
  legend: string;
  hint?: string;
  children: ComponentChildren;
}) {
  const invalid = kit.invalid(name);
  return (
    <fieldset
      id={kit.id(name)}
      name={name}
      tabIndex={-1}
      class={invalid ? "field-group invalid" : "field-group"}
      aria-describedby={kit.describedBy(name, hint !== undefined)}
    >
      <legend>{legend}</legend>
      <FieldHint kit={kit} name={name} hint={hint} />
      {children}
      <FieldMessage kit={kit} name={name} />
    </fieldset>
  );
}
