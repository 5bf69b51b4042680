// Preview page of the Mosaik platform: lists the cities and shows a city's manifest and its
// services A–Z, straight from the public API. The real citizen app (PWA) replaces this page.
const main = document.getElementById("main");

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const child of children) node.append(child);
  return node;
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

async function showCities() {
  const { cities } = await getJson("/api/v1/cities");
  main.replaceChildren(
    el("h1", {}, "Städte"),
    el("ul", { class: "cards" }, ...cities.map((c) => el("li", {}, el("a", { href: `/${c.slug}` }, c.name)))),
  );
}

async function showCity(slug) {
  const city = await getJson(`/api/v1/cities/${encodeURIComponent(slug)}`);
  document.title = `${city.name} – Mosaik`;
  document.documentElement.style.setProperty("--primary", city.branding.primary_color);
  document.documentElement.style.setProperty("--on-primary", city.branding.secondary_color);
  document.getElementById("city-name").textContent = city.name;
  const parts = [
    el("h1", {}, city.name),
    el("p", { class: "muted" }, `${city.contact.address} · ${city.contact.phone}`),
    el("h2", {}, "Stadtbezirke"),
    el("p", {}, city.districts.map((d) => d.name).join(", ")),
    el("h2", {}, "Module"),
    el("ul", { class: "cards" }, ...city.modules.map((m) => el("li", {}, m.title.de))),
  ];
  if (city.modules.some((m) => m.name === "services")) {
    const { items } = await getJson(`/api/v1/cities/${encodeURIComponent(slug)}/services?limit=500`);
    parts.push(
      el("h2", {}, "Dienstleistungen A–Z"),
      el("ul", { class: "cards" }, ...items.map((s) => el("li", {}, el("strong", {}, s.title), el("p", { class: "muted" }, s.summary)))),
    );
  }
  main.replaceChildren(...parts);
}

const slug = location.pathname.split("/").filter(Boolean)[0];
(slug ? showCity(slug) : showCities()).catch((error) => {
  main.replaceChildren(el("p", { role: "alert" }, `Fehler: ${error.message}`));
});
