// The street segments of the plan (GET …/waste/admin/streets?area=&q=, paged by cursor): search by
// name, filter by area, "load more". The area comes from the address (…/streets?area=IN1, the
// link of an area's row), and the search and filter stay in it (replaceState), so a reload or a
// shared link shows the same list.
import { useState } from "preact/hooks";
import { cityPath, pagePath } from "../../../api/http";
import { useConsole } from "../../../console/console_context";
import { Link } from "../../../console/console_router";
import { ListFooter } from "../../../console/list_footer";
import { PageHeading } from "../../../console/page_heading";
import { usePagedList } from "../../../shared/use_paged_list";
import { useWasteConsoleMessages, type WasteConsoleMessages } from "./messages";
import { wastePath } from "./paths";
import type { StreetSegment } from "./types";
import { useAdminAreas, type WasteCity } from "./waste_city";

/** "1–49, ungerade", "ab 51", "alle" … of a segment's house numbers. */
function houseNumbers(w: WasteConsoleMessages, s: StreetSegment): string {
  const from = s.house_from ?? "";
  const to = s.house_to ?? "";
  const range =
    from !== "" && to !== "" ? `${from}–${to}` : from !== "" ? w.houseFrom(from) : to !== "" ? w.houseTo(to) : "";
  const parity = s.parity === "odd" ? w.parityOdd : s.parity === "even" ? w.parityEven : "";
  return [range, parity].filter((p) => p !== "").join(", ") || w.houseAll;
}

function fromAddress(): { q: string; area: string } {
  const query = new URLSearchParams(location.search);
  return { q: query.get("q") ?? "", area: query.get("area") ?? "" };
}

export function StreetsPage({ wasteCity }: { wasteCity: WasteCity }) {
  const w = useWasteConsoleMessages();
  const { city } = useConsole();
  const areas = useAdminAreas().load;
  const [shown, setShown] = useState(fromAddress);
  const [typed, setTyped] = useState(shown.q);
  const show = (next: { q: string; area: string }) => {
    setShown(next);
    const query = new URLSearchParams();
    if (next.area !== "") query.set("area", next.area);
    if (next.q !== "") query.set("q", next.q);
    const search = query.toString();
    history.replaceState(null, "", `${location.pathname}${search === "" ? "" : `?${search}`}`);
  };
  const query = new URLSearchParams();
  if (shown.area !== "") query.set("area", shown.area);
  if (shown.q !== "") query.set("q", shown.q);
  const search = query.toString();
  const base = cityPath(city.slug, "waste", "admin", "streets");
  const list = usePagedList<StreetSegment>(pagePath(search === "" ? base : `${base}?${search}`, 100, null));
  const areaList = areas.state === "ready" ? areas.data.items : [];
  const areaName = (code: string) => areaList.find((a) => a.code === code)?.name ?? "";
  const district = (id: string) => wasteCity.districts.find((d) => d.id === id)?.name ?? id;

  return (
    <>
      <PageHeading>{w.streetsHeading}</PageHeading>
      <p>
        <Link href={wastePath()}>{w.backToAreas}</Link>
      </p>
      <form
        role="search"
        aria-label={w.streetsSearch}
        class="field-row"
        onSubmit={(event) => {
          event.preventDefault();
          show({ ...shown, q: typed.trim() });
        }}
      >
        <div class="field">
          <label for="waste-streets-q">{w.streetsQuery}</label>
          <input
            id="waste-streets-q"
            type="search"
            maxLength={100}
            value={typed}
            onInput={(event) => setTyped(event.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="waste-streets-area">{w.importArea}</label>
          <select
            id="waste-streets-area"
            value={shown.area}
            onChange={(event) => show({ q: typed.trim(), area: event.currentTarget.value })}
          >
            <option value="">{w.allAreas}</option>
            {shown.area !== "" && !areaList.some((a) => a.code === shown.area) && (
              <option value={shown.area}>{shown.area}</option>
            )}
            {areaList.map((a) => (
              <option key={a.code} value={a.code}>
                {a.name === "" ? a.code : `${a.code} – ${a.name}`}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button">
          {w.search}
        </button>
      </form>
      <div class="table-wrap">
        <table>
          <caption>
            {shown.area === "" ? w.streetsCaption(city.name) : w.streetsOfAreaCaption(shown.area, areaName(shown.area))}
            {shown.q !== "" && ` – ${w.matching(shown.q)}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">{w.colStreet}</th>
              <th scope="col">{w.colHouseNumbers}</th>
              <th scope="col">{w.colDistrict}</th>
              <th scope="col">{w.colCode}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((s, i) => (
              <tr key={`${s.street}/${s.district}/${s.house_from ?? ""}/${s.parity}/${s.area}/${i}`}>
                <th scope="row">{s.street}</th>
                <td>{houseNumbers(w, s)}</td>
                <td>{district(s.district)}</td>
                <td>
                  <Link href={wastePath("areas", s.area)}>{s.area}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ListFooter list={list} emptyText={w.noStreets} />
    </>
  );
}
