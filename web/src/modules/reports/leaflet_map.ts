// The Mängelmelder's maps on Leaflet (from npm, bundled; its CSS too: the Content-Security-Policy
// allows style sheets from 'self' only). Loaded lazily by report_map.tsx, so the screens without a
// map never download it. Tiles come from OpenStreetMap; when they fail to load (offline, or no
// network at all), the map still takes a pin: taps and clicks work on the empty map.
//
// Everything here sets element styles through the DOM (allowed by the CSP), never style="…"
// in HTML strings (refused).
import L from "leaflet";
import "leaflet/dist/leaflet.css";
import type { GeoPoint } from "../../api/types";

export interface MapArea {
  center: GeoPoint;
  zoom: number;
  bounds: { south_west: GeoPoint; north_east: GeoPoint } | null;
}

const tileUrl = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const attribution = '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>';

// A pin drawn in SVG (no marker image files, whose paths bundlers break); its colour follows the
// city's theme through CSS (.report-pin path { fill: var(--primary) }).
const pinSvg =
  '<svg aria-hidden="true" focusable="false" viewBox="0 0 32 44" width="32" height="44">' +
  '<path d="M16 0C7.2 0 0 7.1 0 15.9 0 27.8 16 44 16 44s16-16.2 16-28.1C32 7.1 24.8 0 16 0z"/>' +
  '<circle cx="16" cy="16" r="6" fill="#fff"/></svg>';

const pinIcon = () => L.divIcon({ className: "report-pin", html: pinSvg, iconSize: [32, 44], iconAnchor: [16, 44] });

function baseMap(element: HTMLElement, area: MapArea, prefix: string): L.Map {
  const map = L.map(element, {
    center: [area.center.lat, area.center.lon],
    zoom: area.zoom,
    // The map is one stop in the tab order; + and - zoom, arrow keys pan.
    keyboard: true,
  });
  if (area.bounds !== null) {
    const { south_west: sw, north_east: ne } = area.bounds;
    // A little room around the city, so a pin at its edge can still be placed comfortably.
    map.setMaxBounds(L.latLngBounds([sw.lat, sw.lon], [ne.lat, ne.lon]).pad(0.2));
  }
  map.attributionControl.setPrefix(prefix);
  L.tileLayer(tileUrl, { maxZoom: 19, attribution, crossOrigin: false }).addTo(map);
  return map;
}

export interface PinMapOptions {
  area: MapArea;
  pin: GeoPoint | null;
  /** The pin was placed or moved (tap, click, drag, Enter on the focused map). */
  onPin: (point: GeoPoint) => void;
  /** The Leaflet credit in the attribution ("Leaflet"). */
  prefix: string;
}

export interface PinMap {
  /** Moves the pin (e.g. to the device's position) and shows it. */
  setPin: (point: GeoPoint, pan: boolean) => void;
  center: () => GeoPoint;
  destroy: () => void;
}

const point = (latLng: L.LatLng): GeoPoint => ({
  lat: Math.round(latLng.lat * 1e6) / 1e6,
  lon: Math.round(latLng.lng * 1e6) / 1e6,
});

/** A map where the citizen places one draggable pin. */
export function createPinMap(element: HTMLElement, options: PinMapOptions): PinMap {
  const map = baseMap(element, options.area, options.prefix);
  let marker: L.Marker | null = null;
  const place = (at: GeoPoint) => {
    if (marker === null) {
      // keyboard: false — a marker cannot be dragged with keys; the map itself takes Enter
      // (below) and the form has buttons and the coordinates as text.
      marker = L.marker([at.lat, at.lon], { icon: pinIcon(), draggable: true, keyboard: false, autoPan: true });
      marker.on("dragend", () => {
        if (marker !== null) options.onPin(point(marker.getLatLng()));
      });
      marker.addTo(map);
    } else marker.setLatLng([at.lat, at.lon]);
  };
  if (options.pin !== null) place(options.pin);
  map.on("click", (event: L.LeafletMouseEvent) => {
    const at = point(event.latlng);
    place(at);
    options.onPin(at);
  });
  // Enter or space on the focused map puts the pin at its centre (keyboard users pan with the
  // arrow keys to the place first; a cross marks the centre while the map has the focus).
  element.addEventListener("keydown", (event) => {
    if (event.target !== element || (event.key !== "Enter" && event.key !== " ")) return;
    event.preventDefault();
    const at = point(map.getCenter());
    place(at);
    options.onPin(at);
  });
  // The element may have been laid out after the map was made (a lazily shown section).
  requestAnimationFrame(() => map.invalidateSize());
  return {
    setPin: (at, pan) => {
      place(at);
      if (pan) map.setView([at.lat, at.lon], Math.max(map.getZoom(), 16));
    },
    center: () => point(map.getCenter()),
    destroy: () => map.remove(),
  };
}

export interface MapPoint {
  id: number;
  lat: number;
  lon: number;
  /** Open reports are drawn in the theme's colour, closed ones grey. */
  open: boolean;
  /** The popup's link text and target. */
  label: string;
  href: string;
}

export interface PointsMap {
  setPoints: (points: MapPoint[]) => void;
  destroy: () => void;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A map of reports as dots; a dot's popup links to the report. */
export function createPointsMap(element: HTMLElement, area: MapArea, prefix: string): PointsMap {
  const map = baseMap(element, area, prefix);
  const layer = L.layerGroup().addTo(map);
  requestAnimationFrame(() => map.invalidateSize());
  return {
    setPoints: (points) => {
      layer.clearLayers();
      for (const p of points) {
        L.circleMarker([p.lat, p.lon], {
          radius: 8,
          weight: 2,
          className: p.open ? "report-dot report-dot-open" : "report-dot report-dot-closed",
        })
          .bindPopup(`<a href="${escapeHtml(p.href)}">${escapeHtml(p.label)}</a>`)
          .addTo(layer);
      }
    },
    destroy: () => map.remove(),
  };
}
