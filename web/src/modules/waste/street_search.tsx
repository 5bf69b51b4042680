// The street search: a combobox after the WAI-ARIA 1.2 pattern (an input with role=combobox
// that owns a listbox of suggestions; the focus stays in the input and the active suggestion is
// named by aria-activedescendant). Typing asks GET …/waste/streets?q= after a short pause; a
// polite live region says how many streets were found. Keys: ↓/↑ move through the suggestions
// (↓ opens them), Enter takes the active one (or the first), Escape closes the list and, when it
// is closed, empties the field.
import { useEffect, useRef, useState } from "preact/hooks";
import { api, cityPath } from "../../api/http";
import { districtNames, useCity } from "../../citizen/city_context";
import { useCatalogue, useI18n } from "../../i18n";
import { wasteMessages } from "./messages";
import type { StreetMatch, StreetSearch as StreetAnswer } from "./waste_types";

/** Milliseconds of quiet typing before the search is asked. */
const debounce = 250;
const limit = 8;

export interface StreetSearchProps {
  /** The person chose a street; `houseNumber` is the number typed after it, if any. */
  onChoose: (street: StreetMatch, houseNumber: string | null) => void;
  /** Why the last choice was refused (unknown street), shown at the field. */
  error: string;
  /** Text to start with (the street being corrected). */
  initial?: string;
}

export function StreetSearch({ onChoose, error, initial = "" }: StreetSearchProps) {
  const { city } = useCity();
  const { t } = useI18n();
  const m = useCatalogue(wasteMessages);
  const [text, setText] = useState(initial);
  const [answer, setAnswer] = useState<{ query: string; result: StreetAnswer } | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const [problem, setProblem] = useState("");
  const input = useRef<HTMLInputElement>(null);
  const query = text.trim();
  // The text now, and the street just chosen: answers for anything else are not shown.
  const latest = useRef(query);
  latest.current = query;
  const chosenText = useRef<string | null>(null);
  const inflight = useRef<{ query: string; answer: Promise<StreetAnswer | null> } | null>(null);

  /** Asks for `q` (once while it is on its way) and shows the answer if `q` is still the text. */
  const search = (q: string): Promise<StreetAnswer | null> => {
    if (inflight.current?.query === q) return inflight.current.answer;
    const params = new URLSearchParams({ q, limit: String(limit) });
    const current = () => q === latest.current && chosenText.current !== q;
    const answer = api<StreetAnswer>("GET", `${cityPath(city.slug, "waste", "streets")}?${params.toString()}`).then(
      (result) => {
        if (current()) {
          setAnswer({ query: q, result });
          setActive(-1);
          setOpen(result.items.length > 0 && document.activeElement === input.current);
          setAnnouncement(m.streetCount(result.items.length));
        }
        return result;
      },
      () => {
        if (current()) setAnnouncement(navigator.onLine ? t.networkError : m.unavailable);
        return null;
      },
    );
    inflight.current = { query: q, answer };
    void answer.finally(() => {
      if (inflight.current?.answer === answer) inflight.current = null;
    });
    return answer;
  };

  useEffect(() => {
    if (query.length < 2 || answer?.query === query) return;
    const timer = setTimeout(() => void search(query), debounce);
    return () => clearTimeout(timer);
  }, [query]);

  const items = query.length >= 2 && answer !== null ? answer.result.items : [];
  const shown = open && items.length > 0;
  const optionId = (i: number) => `street-option-${i}`;

  const choose = (item: StreetMatch, houseNumber: string | null) => {
    chosenText.current = item.street; // an answer still on its way must not reopen the list
    setOpen(false);
    setActive(-1);
    setAnnouncement("");
    setProblem("");
    setText(item.street);
    onChoose(item, houseNumber);
    // The same text must not be searched again.
    setAnswer((previous) => (previous === null ? null : { ...previous, query: item.street }));
  };

  const submit = async () => {
    if (shown && active >= 0 && items[active] !== undefined)
      return choose(items[active], answer?.result.house_number ?? null);
    if (query.length < 2) {
      setProblem(m.tooShort);
      return;
    }
    // Enter before the pause ended: ask now, then take the best match.
    const result = answer?.query === query ? answer.result : await search(query);
    const first = result?.items[0];
    if (first !== undefined) choose(first, result?.house_number ?? null);
    else setProblem(m.chooseStreet);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (items.length === 0) return;
        if (!shown) {
          setOpen(true);
          setActive(event.altKey ? -1 : 0);
        } else setActive((a) => (a + 1) % items.length);
        return;
      case "ArrowUp":
        event.preventDefault();
        if (items.length === 0) return;
        if (!shown) setOpen(true);
        setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
        return;
      case "Escape":
        if (shown) {
          event.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (text !== "") {
          event.preventDefault();
          setText("");
          setAnswer(null);
          setAnnouncement("");
        }
        return;
      case "Enter":
        event.preventDefault();
        void submit();
        return;
      default:
        return;
    }
  };

  const shownError = problem !== "" ? problem : error;
  const describedBy = ["street-hint", ...(shownError !== "" ? ["street-error"] : [])].join(" ");

  return (
    <form
      role="search"
      class="street-search"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label for="street-input">{m.streetLabel}</label>
      <p id="street-hint" class="hint">
        {m.streetHint}
      </p>
      <div class="combobox">
        <input
          ref={input}
          id="street-input"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls="street-listbox"
          aria-activedescendant={shown && active >= 0 ? optionId(active) : undefined}
          aria-describedby={describedBy}
          aria-invalid={shownError !== ""}
          autoComplete="off"
          autoCapitalize="words"
          spellcheck={false}
          maxLength={100}
          value={text}
          onInput={(event) => {
            chosenText.current = null;
            setText(event.currentTarget.value);
            setProblem("");
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
        />
        <ul id="street-listbox" role="listbox" aria-label={m.suggestions} class="listbox" hidden={!shown}>
          {items.map((item, i) => (
            <li
              key={`${item.street}/${item.district}/${i}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              class={i === active ? "option active" : "option"}
              // The input keeps the focus: a click chooses without blurring it first.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(item, answer?.result.house_number ?? null)}
            >
              <span class="option-street">{item.street}</span>
              <span class="option-meta">
                {[
                  districtNames(city, item.district === "" ? [] : [item.district])[0],
                  item.needs_house_number ? m.needsNumber : null,
                ]
                  .filter((part) => part !== null && part !== undefined && part !== "")
                  .join(" · ")}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <p id="street-error" class="form-error" role="alert">
        {shownError}
      </p>
      <p class="visually-hidden" role="status">
        {announcement}
      </p>
      <button type="submit">{m.findAddress}</button>
    </form>
  );
}
