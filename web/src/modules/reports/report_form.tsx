// "Mangel melden": one form in five parts (category, place, description with the category's
// questions, photos, e-mail), "Schon gemeldet?" as soon as category and pin are known, then
// the send. The report goes through the device's queue (report_queue.ts): sent at once when
// online, kept and sent later when not. The form checks what it can before sending and shows
// the server's refusal on the field it names; errors are listed at the top (focused) and
// announced.
import type { TargetedInputEvent, TargetedSubmitEvent } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError, cityPath } from "../../api/http";
import type { GeoPoint } from "../../api/types";
import { citizenPaths } from "../../citizen/citizen_router";
import { useCity } from "../../citizen/city_context";
import { useCatalogue, useI18n, type Lang } from "../../i18n";
import { reportsMessages, type ReportsMessages } from "./messages";
import { preparePhoto, type PreparedPhoto } from "./report_photos";
import { CategoryOptions } from "./report_parts";
import { PinMapView, type PinMapHandle } from "./report_map";
import { submitReport, type SendOutcome } from "./report_queue";
import {
  categoryOf,
  cityMap,
  citySettings,
  insideCity,
  type AttributeValue,
  type CategoryAttribute,
  type NearbyReport,
  type ReportCategory,
  type ReportSubmission,
} from "./reports_types";

const maxPhotos = 3;
const maxDescription = 2000;
const maxAddress = 200;
const maxText = 500;

/** A new submission_id: a UUID (crypto.randomUUID needs a secure context; the fallback does not). */
export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

type Answers = Record<string, string | string[]>;
type Errors = Record<string, string>;

/** The id of a form field, also the target of its error link. */
const fieldId = (field: string) => `report-${field.replace(/[^a-z0-9-]/gi, "-")}`;

function answerValue(attribute: CategoryAttribute, answer: string | string[] | undefined): AttributeValue | null {
  if (attribute.type === "multi") return Array.isArray(answer) && answer.length > 0 ? answer : null;
  const text = typeof answer === "string" ? answer.trim() : "";
  if (text === "") return null;
  return attribute.type === "number" ? Number(text.replace(",", ".")) : text;
}

function validate(
  m: ReportsMessages,
  cityName: string,
  form: {
    category: ReportCategory | undefined;
    pin: GeoPoint | null;
    inside: boolean;
    address: string;
    description: string;
    answers: Answers;
    email: string;
  },
): Errors {
  const errors: Errors = {};
  if (form.category === undefined) errors["category"] = m.categoryMissing;
  if (form.pin !== null && !form.inside) errors["place"] = m.locationOutside(cityName);
  else if (form.category?.location_required === true && form.pin === null && form.address.trim() === "")
    errors["place"] = m.placeMissing;
  if (form.address.length > maxAddress) errors["address"] = m.tooLong(maxAddress);
  if (form.description.trim() === "") errors["description"] = m.descriptionMissing;
  else if (form.description.length > maxDescription) errors["description"] = m.tooLong(maxDescription);
  for (const attribute of form.category?.attributes ?? []) {
    const answer = form.answers[attribute.code];
    const value = answerValue(attribute, answer);
    const key = `attributes.${attribute.code}`;
    if (value === null) {
      if (attribute.required) errors[key] = m.answerMissing;
    } else if (attribute.type === "number" && !Number.isFinite(value)) errors[key] = m.numberInvalid;
    else if (attribute.type === "text" && typeof value === "string" && value.length > maxText)
      errors[key] = m.tooLong(maxText);
  }
  const email = form.email.trim();
  if (email !== "" && (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)))
    errors["email"] = m.emailInvalid;
  return errors;
}

/** The form field a server problem names: "attributes.lage", "attributes[lage]", "lat", "photos[1]". */
function problemField(field: string | undefined): string | null {
  if (field === undefined || field === "") return null;
  const attribute = /^attributes[.[]([a-z0-9-]+)/.exec(field);
  if (attribute !== null) return `attributes.${attribute[1]}`;
  const head = field.split(/[.[]/)[0] ?? "";
  if (head === "lat" || head === "lon") return "place";
  if (["category", "address", "description", "email", "photos"].includes(head)) return head;
  return null;
}

/** Label text with the "required" mark (a star for the eye, the word for screen readers). */
function Required({ m }: { m: ReportsMessages }) {
  return (
    <>
      {" "}
      <span aria-hidden="true" class="required-mark">
        *
      </span>
      <span class="visually-hidden">({m.required})</span>
    </>
  );
}

function FieldError({ id, text }: { id: string; text: string | undefined }) {
  return (
    <p id={`${id}-error`} class="form-error">
      {text ?? ""}
    </p>
  );
}

/** aria-describedby of a field: its hint (if any) and its error (when there is one). */
function describedBy(id: string, hint: boolean, error: string | undefined): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error !== undefined ? `${id}-error` : ""].filter((s) => s !== "");
  return ids.length === 0 ? undefined : ids.join(" ");
}

function AttributeField({
  attribute,
  value,
  error,
  onChange,
  lang,
  m,
}: {
  attribute: CategoryAttribute;
  value: string | string[] | undefined;
  error: string | undefined;
  onChange: (value: string | string[]) => void;
  lang: Lang;
  m: ReportsMessages;
}) {
  const id = fieldId(`attributes.${attribute.code}`);
  const label = attribute.label[lang] || attribute.label.de;
  if (attribute.type === "single" || attribute.type === "multi") {
    const chosen = Array.isArray(value) ? value : typeof value === "string" && value !== "" ? [value] : [];
    return (
      <fieldset
        class="choice-group"
        id={id}
        tabIndex={-1}
        aria-invalid={error !== undefined}
        aria-describedby={error !== undefined ? `${id}-error` : undefined}
      >
        <legend>
          {label}
          {attribute.required && <Required m={m} />}
        </legend>
        {attribute.options.map((option) => {
          const optionId = `${id}-${option.key}`;
          const checked = chosen.includes(option.key);
          return (
            <div class="check" key={option.key}>
              <input
                id={optionId}
                type={attribute.type === "single" ? "radio" : "checkbox"}
                name={id}
                value={option.key}
                checked={checked}
                required={attribute.type === "single" && attribute.required}
                onChange={(event) => {
                  if (attribute.type === "single") onChange(option.key);
                  else
                    onChange(
                      event.currentTarget.checked ? [...chosen, option.key] : chosen.filter((k) => k !== option.key),
                    );
                }}
              />
              <label for={optionId}>{option.label[lang] || option.label.de}</label>
            </div>
          );
        })}
        <FieldError id={id} text={error} />
      </fieldset>
    );
  }
  const common = {
    id,
    value: typeof value === "string" ? value : "",
    required: attribute.required,
    "aria-invalid": error !== undefined,
    "aria-describedby": describedBy(id, false, error),
    onInput: (event: TargetedInputEvent<HTMLInputElement>) => onChange(event.currentTarget.value),
  };
  return (
    <div class="field">
      <label for={id}>
        {label}
        {attribute.required && <Required m={m} />}
      </label>
      {attribute.type === "date" ? (
        <input type="date" {...common} />
      ) : (
        <input
          type="text"
          inputMode={attribute.type === "number" ? "decimal" : undefined}
          maxLength={attribute.type === "text" ? maxText : undefined}
          {...common}
        />
      )}
      <FieldError id={id} text={error} />
    </div>
  );
}

function CategoryField({
  value,
  error,
  onChange,
}: {
  value: string;
  error: string | undefined;
  onChange: (code: string) => void;
}) {
  const { city } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(reportsMessages);
  const settings = citySettings(city);
  const category = categoryOf(settings, value);
  const id = fieldId("category");
  const description = category?.description?.[lang] ?? "";
  return (
    <div class="field">
      <label for={id}>
        {m.categoryLabel}
        <Required m={m} />
      </label>
      <select
        id={id}
        value={value}
        required
        aria-invalid={error !== undefined}
        aria-describedby={describedBy(id, description !== "", error)}
        onChange={(event) => onChange(event.currentTarget.value)}
      >
        <option value="">{m.chooseCategory}</option>
        <CategoryOptions settings={settings} lang={lang} />
      </select>
      {description !== "" && (
        <p id={`${id}-hint`} class="hint">
          {description}
        </p>
      )}
      <FieldError id={id} text={error} />
    </div>
  );
}

function formatCoordinate(value: number): string {
  return value.toFixed(5);
}

function PlaceField({
  pin,
  onPin,
  error,
  onError,
}: {
  pin: GeoPoint | null;
  onPin: (pin: GeoPoint | null) => void;
  error: string | undefined;
  onError: (text: string | null) => void;
}) {
  const { city } = useCity();
  const m = useCatalogue(reportsMessages);
  const map = cityMap(city);
  const handle = useRef<PinMapHandle | null>(null);
  const [locating, setLocating] = useState(false);
  const id = fieldId("place");

  const place = (point: GeoPoint, pan: boolean) => {
    if (!insideCity(map, point.lat, point.lon)) {
      onError(m.locationOutside(city.name));
      return;
    }
    onError(null);
    handle.current?.setPin(point, pan);
    onPin(point);
  };

  const locate = () => {
    if (!("geolocation" in navigator)) {
      onError(m.locationFailed);
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        const point = {
          lat: Math.round(position.coords.latitude * 1e6) / 1e6,
          lon: Math.round(position.coords.longitude * 1e6) / 1e6,
        };
        place(point, true);
      },
      (failure) => {
        setLocating(false);
        onError(failure.code === failure.PERMISSION_DENIED ? m.locationDenied : m.locationFailed);
      },
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  };

  return (
    <div class="place-field" id={id} tabIndex={-1}>
      <p id={`${id}-hint`} class="hint">
        {m.placeHint}
      </p>
      <PinMapView
        area={map}
        pin={pin}
        onPin={(point) => place(point, false)}
        handle={handle}
        describedBy={`${id}-hint ${id}-text`}
      />
      <p id={`${id}-text`} class="pin-text" aria-live="polite">
        {pin === null ? m.noPin : m.pinText(formatCoordinate(pin.lat), formatCoordinate(pin.lon))}
      </p>
      <div class="button-row">
        <button type="button" class="secondary" onClick={locate} aria-disabled={locating}>
          {m.useMyPosition}
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => {
            const center = handle.current?.center() ?? map.center;
            place(center, false);
          }}
        >
          {m.pinAtCenter}
        </button>
      </div>
      <p class="visually-hidden" role="status">
        {locating ? m.locating : ""}
      </p>
      <FieldError id={id} text={error} />
    </div>
  );
}

function PhotosField({
  photos,
  onChange,
  error,
  onError,
}: {
  photos: PreparedPhoto[];
  onChange: (photos: PreparedPhoto[]) => void;
  error: string | undefined;
  onError: (text: string | null) => void;
}) {
  const m = useCatalogue(reportsMessages);
  const [reading, setReading] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const id = fieldId("photos");

  const add = async (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    input.value = "";
    if (files.length === 0) return;
    setReading(true);
    onError(null);
    const next = [...photos];
    try {
      for (const file of files) {
        if (next.length >= maxPhotos) {
          onError(m.photosFull);
          break;
        }
        try {
          next.push(await preparePhoto(file));
        } catch {
          onError(m.photoFailed(file.name));
        }
      }
    } finally {
      setReading(false);
    }
    onChange(next);
    setAnnouncement(m.photoAdded(next.length));
  };

  const full = photos.length >= maxPhotos;
  return (
    <div class="photos-field" id={id} tabIndex={-1}>
      <p id={`${id}-hint`} class="hint">
        {m.photosHint}
      </p>
      {photos.length > 0 && (
        <ul class="photo-thumbs">
          {photos.map((photo, i) => (
            <li key={`${i}-${photo.name}`}>
              <img src={photo.thumbnail} alt={m.photoAlt(i + 1)} width={120} height={120} />
              <button
                type="button"
                class="secondary"
                onClick={() => {
                  onChange(photos.filter((_, j) => j !== i));
                  setAnnouncement(m.photoAdded(photos.length - 1));
                }}
              >
                {m.removePhoto(i + 1)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {full ? (
        <p>{m.photosFull}</p>
      ) : (
        <div class="button-row">
          <input
            id={`${id}-camera`}
            class="photo-input visually-hidden"
            type="file"
            accept="image/*"
            capture="environment"
            aria-describedby={`${id}-hint`}
            onChange={(event) => void add(event.currentTarget)}
          />
          <label for={`${id}-camera`} class="button-label">
            {m.takePhoto}
          </label>
          <input
            id={`${id}-file`}
            class="photo-input visually-hidden"
            type="file"
            accept="image/*"
            multiple
            aria-describedby={`${id}-hint`}
            onChange={(event) => void add(event.currentTarget)}
          />
          <label for={`${id}-file`} class="button-label">
            {m.choosePhoto}
          </label>
        </div>
      )}
      <p class="visually-hidden" role="status">
        {reading ? m.photoReading : announcement}
      </p>
      <FieldError id={id} text={error} />
    </div>
  );
}

function NearbyReports({ category, pin }: { category: string; pin: GeoPoint | null }) {
  const { city, dates } = useCity();
  const m = useCatalogue(reportsMessages);
  const [items, setItems] = useState<NearbyReport[]>([]);
  const [supported, setSupported] = useState<{ id: number; count: number } | null>(null);
  const [failure, setFailure] = useState("");
  const lat = pin?.lat;
  const lon = pin?.lon;

  useEffect(() => {
    setItems([]);
    if (category === "" || lat === undefined || lon === undefined || !navigator.onLine) return;
    let current = true;
    // Asked once the pin rests for a moment, not for every step of a drag.
    const timer = window.setTimeout(() => {
      const query = new URLSearchParams({ lat: String(lat), lon: String(lon), category });
      api<{ items: NearbyReport[] }>("GET", `${cityPath(city.slug, "reports", "nearby")}?${query.toString()}`).then(
        (answer) => current && setItems(Array.isArray(answer.items) ? answer.items : []),
        () => {
          // Without the check the citizen can still report; the city merges duplicates.
        },
      );
    }, 400);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [category, lat, lon, city.slug]);

  const support = async (id: number) => {
    setFailure("");
    try {
      const answer = await api<{ supporters: number }>("POST", cityPath(city.slug, "reports", id, "supports"));
      setSupported({ id, count: answer.supporters });
      setItems((list) => list.map((r) => (r.id === id ? { ...r, supporters: answer.supporters } : r)));
    } catch (error) {
      setFailure(error instanceof ApiError ? (error.problem?.detail ?? m.supportFailed) : m.supportFailed);
    }
  };

  return (
    <>
      <p class="visually-hidden" role="status">
        {items.length > 0 ? m.nearbyFound(items.length) : ""}
      </p>
      {items.length > 0 && (
        <section class="nearby" aria-labelledby="nearby-heading">
          <h2 id="nearby-heading">{m.nearbyHeading}</h2>
          <p>{m.nearbyIntro(items.length)}</p>
          <ul class="nearby-list">
            {items.map((r) => {
              const photo = r.photos?.[0];
              return (
                <li key={r.id}>
                  {photo !== undefined && <img src={photo.thumbnail_url} alt="" width={80} height={80} />}
                  <div>
                    <p class="nearby-title">
                      {r.description !== undefined ? (
                        <a href={citizenPaths.module(city.slug, "reports", r.id)}>{r.description}</a>
                      ) : (
                        <span>
                          {m.reportNumber(r.id)} ({m.notPublicYet})
                        </span>
                      )}
                    </p>
                    <p class="meta">
                      <span>{m.distance(Math.round(r.distance_m))}</span>
                      <span>{m.reportedOn(dates.day(r.created_at))}</span>
                      <span>{m.supporters(r.supporters)}</span>
                    </p>
                    {supported?.id === r.id ? (
                      <p class="success" role="status">
                        {m.supported(supported.count)}
                      </p>
                    ) : (
                      <button type="button" class="secondary" onClick={() => void support(r.id)}>
                        {m.support}
                        <span class="visually-hidden"> ({m.reportNumber(r.id)})</span>
                      </button>
                    )}
                  </div>
                </li>
              );
            })}
          </ul>
          <p class="form-error" role="alert">
            {failure}
          </p>
          {supported === null && <p>{m.sendAnyway}</p>}
        </section>
      )}
    </>
  );
}

/** The form; `onDone` gets the outcome of a send that kept or filed the report. */
export function ReportForm({ onDone }: { onDone: (outcome: SendOutcome) => void }) {
  const { city } = useCity();
  const { lang } = useI18n();
  const m = useCatalogue(reportsMessages);
  const settings = citySettings(city);
  const map = cityMap(city);
  const [submissionId] = useState(newSubmissionId);
  const [categoryCode, setCategoryCode] = useState("");
  const [pin, setPin] = useState<GeoPoint | null>(null);
  const [address, setAddress] = useState("");
  const [description, setDescription] = useState("");
  const [answers, setAnswers] = useState<Answers>({});
  const [photos, setPhotos] = useState<PreparedPhoto[]>([]);
  const [email, setEmail] = useState("");
  const [website, setWebsite] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const category = categoryOf(settings, categoryCode);

  const setError = (field: string, text: string | null) =>
    setErrors((old) => {
      const next = { ...old };
      if (text === null) delete next[field];
      else next[field] = text;
      return next;
    });

  const errorList = Object.entries(errors);
  // After a send that found errors (or was refused), the summary takes the focus once it shows.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);

  const submit = async (event: TargetedSubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sending) return;
    setRefusal(null);
    const found = validate(m, city.name, {
      category,
      pin,
      inside: pin === null || insideCity(map, pin.lat, pin.lon),
      address,
      description,
      answers,
      email,
    });
    setErrors(found);
    if (Object.keys(found).length > 0 || category === undefined) {
      setAttempt((n) => n + 1);
      return;
    }
    const attributes: Record<string, AttributeValue> = {};
    for (const attribute of category.attributes) {
      const value = answerValue(attribute, answers[attribute.code]);
      if (value !== null) attributes[attribute.code] = value;
    }
    const body: ReportSubmission = {
      submission_id: submissionId,
      category: category.code,
      description: description.trim(),
      attributes,
      photos: photos.map((p) => p.base64),
      locale: lang,
      website,
    };
    if (pin !== null) {
      body.lat = pin.lat;
      body.lon = pin.lon;
    }
    if (address.trim() !== "") body.address = address.trim();
    if (email.trim() !== "") body.email = email.trim();
    setSending(true);
    try {
      const outcome = await submitReport({
        submission_id: submissionId,
        city: city.slug,
        created: new Date().toISOString(),
        body,
        thumbnails: photos.map((p) => p.thumbnail),
        state: "queued",
        problem: null,
        attempts: 0,
      });
      if (outcome.kind === "refused") {
        const field = problemField(outcome.error.problem?.field);
        const text = outcome.error.problem?.detail ?? outcome.error.problem?.title ?? outcome.error.message;
        if (field !== null) setErrors({ [field]: text });
        else setRefusal(text);
        setAttempt((n) => n + 1);
        return;
      }
      onDone(outcome);
    } catch {
      // IndexedDB unavailable (private mode in some browsers): nothing could be kept.
      setRefusal(m.unavailable);
      setAttempt((n) => n + 1);
    } finally {
      setSending(false);
    }
  };

  const fieldLabel = (field: string): string => {
    if (field === "category") return m.categoryLabel;
    if (field === "place") return m.placeLegend;
    if (field === "address") return m.addressLabel;
    if (field === "description") return m.descriptionLabel;
    if (field === "email") return m.emailLabel;
    if (field === "photos") return m.photosLegend;
    const attribute = category?.attributes.find((a) => `attributes.${a.code}` === field);
    return attribute === undefined ? field : attribute.label[lang] || attribute.label.de;
  };

  const focusField = (field: string) => (event: MouseEvent) => {
    event.preventDefault();
    const target = document.getElementById(fieldId(field));
    const input =
      target instanceof HTMLFieldSetElement || target?.classList.contains("place-field") === true
        ? (target.querySelector<HTMLElement>("input, button") ?? target)
        : target;
    input?.focus();
  };

  const id = (field: string) => fieldId(field);
  return (
    <form class="report-form" noValidate onSubmit={(event) => void submit(event)}>
      <p class="hint">{m.newIntro}</p>
      <div
        ref={summary}
        class="error-summary"
        tabIndex={-1}
        role="alert"
        hidden={errorList.length === 0 && refusal === null}
      >
        {refusal !== null && (
          <p>
            {m.refused} {refusal}
          </p>
        )}
        {errorList.length > 0 && (
          <>
            <p>{m.errorSummary(errorList.length)}</p>
            <ul>
              {errorList.map(([field, text]) => (
                <li key={field}>
                  <a href={`#${fieldId(field)}`} onClick={focusField(field)}>
                    {fieldLabel(field)}: {text}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
      </div>

      <fieldset class="form-part">
        <legend>{m.categoryLegend}</legend>
        <CategoryField
          value={categoryCode}
          error={errors["category"]}
          onChange={(code) => {
            setCategoryCode(code);
            setAnswers({});
            setError("category", null);
          }}
        />
      </fieldset>

      <fieldset class="form-part">
        <legend>
          {m.placeLegend}
          {category?.location_required === true && <Required m={m} />}
        </legend>
        <PlaceField
          pin={pin}
          onPin={(next) => {
            setPin(next);
            setError("place", null);
          }}
          error={errors["place"]}
          onError={(text) => setError("place", text)}
        />
        <div class="field">
          <label for={id("address")}>{m.addressLabel}</label>
          <input
            id={id("address")}
            type="text"
            maxLength={maxAddress}
            autoComplete="street-address"
            value={address}
            aria-invalid={errors["address"] !== undefined}
            aria-describedby={describedBy(id("address"), true, errors["address"])}
            onInput={(event) => setAddress(event.currentTarget.value)}
          />
          <p id={`${id("address")}-hint`} class="hint">
            {m.addressHint}
          </p>
          <FieldError id={id("address")} text={errors["address"]} />
        </div>
      </fieldset>

      {categoryCode !== "" && <NearbyReports category={categoryCode} pin={pin} />}

      <fieldset class="form-part">
        <legend>{m.detailsLegend}</legend>
        <div class="field">
          <label for={id("description")}>
            {m.descriptionLabel}
            <Required m={m} />
          </label>
          <textarea
            id={id("description")}
            rows={4}
            maxLength={maxDescription}
            required
            value={description}
            aria-invalid={errors["description"] !== undefined}
            aria-describedby={describedBy(id("description"), true, errors["description"])}
            onInput={(event) => setDescription(event.currentTarget.value)}
          />
          <p id={`${id("description")}-hint`} class="hint">
            {m.descriptionHint}
          </p>
          <FieldError id={id("description")} text={errors["description"]} />
        </div>
        {category?.attributes.map((attribute) => (
          <AttributeField
            key={`${category.code}/${attribute.code}`}
            attribute={attribute}
            value={answers[attribute.code]}
            error={errors[`attributes.${attribute.code}`]}
            onChange={(value) => {
              setAnswers((old) => ({ ...old, [attribute.code]: value }));
              setError(`attributes.${attribute.code}`, null);
            }}
            lang={lang}
            m={m}
          />
        ))}
      </fieldset>

      <fieldset class="form-part">
        <legend>{m.photosLegend}</legend>
        <PhotosField
          photos={photos}
          onChange={setPhotos}
          error={errors["photos"]}
          onError={(text) => setError("photos", text)}
        />
      </fieldset>

      <fieldset class="form-part">
        <legend>{m.contactLegend}</legend>
        <div class="field">
          <label for={id("email")}>{m.emailLabel}</label>
          <input
            id={id("email")}
            type="email"
            autoComplete="email"
            maxLength={254}
            value={email}
            aria-invalid={errors["email"] !== undefined}
            aria-describedby={describedBy(id("email"), true, errors["email"])}
            onInput={(event) => setEmail(event.currentTarget.value)}
          />
          <p id={`${id("email")}-hint`} class="hint">
            {m.emailHint}
          </p>
          <FieldError id={id("email")} text={errors["email"]} />
        </div>
      </fieldset>

      {/* The honeypot: people never see or reach it; form-filling robots do. */}
      <div class="honeypot" aria-hidden="true">
        <label for="report-website">{m.honeypotLabel}</label>
        <input
          id="report-website"
          name="website"
          type="text"
          tabIndex={-1}
          autoComplete="off"
          value={website}
          onInput={(event) => setWebsite(event.currentTarget.value)}
        />
      </div>

      <button type="submit" class="primary" aria-disabled={sending}>
        {m.send}
      </button>
      <p class="visually-hidden" role="status">
        {sending ? m.sending : ""}
      </p>
    </form>
  );
}
