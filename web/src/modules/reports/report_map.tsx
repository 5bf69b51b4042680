// The maps as Preact components: Leaflet (leaflet_map.ts) is loaded on first use, within the
// reports chunk's own lazily loaded part. Until it is there, or if it cannot load, the screens
// work without it (the coordinates, "use my position" and the list stay).
import { useEffect, useRef } from "preact/hooks";
import type { GeoPoint } from "../../api/types";
import { useCatalogue } from "../../i18n";
import { useLoad } from "../../shared/use_load";
import type { MapArea, MapPoint, PinMap, PointsMap } from "./leaflet_map";
import { reportsMessages } from "./messages";

type LeafletModule = typeof import("./leaflet_map");
let loading: Promise<LeafletModule> | null = null;

function loadLeaflet(): Promise<LeafletModule> {
  loading ??= import("./leaflet_map");
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

function useLeaflet(): LeafletModule | "loading" | "failed" {
  const load = useLoad(loadLeaflet, "leaflet");
  return load.state === "ready" ? load.data : load.state;
}

export interface PinMapHandle {
  setPin: (point: GeoPoint, pan: boolean) => void;
  center: () => GeoPoint | null;
}

/** The map where the citizen places the pin; `handle` lets the form move it and read its centre. */
export function PinMapView({
  area,
  pin,
  onPin,
  handle,
  describedBy,
}: {
  area: MapArea;
  pin: GeoPoint | null;
  onPin: (point: GeoPoint) => void;
  handle: { current: PinMapHandle | null };
  describedBy: string;
}) {
  const m = useCatalogue(reportsMessages);
  const leaflet = useLeaflet();
  const element = useRef<HTMLDivElement>(null);
  const onPinRef = useRef(onPin);
  onPinRef.current = onPin;
  const pinRef = useRef(pin);
  pinRef.current = pin;

  useEffect(() => {
    if (typeof leaflet !== "object" || element.current === null) return;
    const map: PinMap = leaflet.createPinMap(element.current, {
      area,
      pin: pinRef.current,
      onPin: (p) => onPinRef.current(p),
      prefix: '<a href="https://leafletjs.com">Leaflet</a>',
    });
    handle.current = { setPin: map.setPin, center: map.center };
    return () => {
      handle.current = null;
      map.destroy();
    };
  }, [leaflet]);

  return (
    <div class="map-box">
      <div ref={element} class="report-map" role="group" aria-label={m.mapLabel} aria-describedby={describedBy} />
      {leaflet === "loading" && (
        <p class="map-state" role="status">
          {m.mapLoading}
        </p>
      )}
      {leaflet === "failed" && (
        <p class="map-state" role="status">
          {m.mapFailed}
        </p>
      )}
    </div>
  );
}

/** A map of reports as dots (the public map, the console's map of the inbox). */
export function PointsMapView({ area, points, label }: { area: MapArea; points: MapPoint[]; label: string }) {
  const m = useCatalogue(reportsMessages);
  const leaflet = useLeaflet();
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<PointsMap | null>(null);

  useEffect(() => {
    if (typeof leaflet !== "object" || element.current === null) return;
    map.current = leaflet.createPointsMap(element.current, area, '<a href="https://leafletjs.com">Leaflet</a>');
    map.current.setPoints(points);
    return () => {
      map.current?.destroy();
      map.current = null;
    };
  }, [leaflet]);
  useEffect(() => {
    map.current?.setPoints(points);
  }, [points]);

  return (
    <div class="map-box">
      <div ref={element} class="report-map" role="group" aria-label={label} />
      {leaflet === "loading" && (
        <p class="map-state" role="status">
          {m.mapLoading}
        </p>
      )}
      {leaflet === "failed" && (
        <p class="map-state" role="status">
          {m.mapFailed}
        </p>
      )}
    </div>
  );
}
