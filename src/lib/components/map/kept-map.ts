// One MapLibre map kept between visits of the map page: making it again (a WebGL context, its
// shaders, the communes' polygons tiled) costs most of a second on a machine without a GPU.
import type { Map as MapLibreMap } from 'maplibre-gl';

export interface KeptMap {
  readonly map: MapLibreMap;
  /** The element MapLibre draws in, moved into the page that shows the map. */
  readonly element: HTMLElement;
  readonly tileUrl: string | null;
  loaded: boolean;
  /** Set by the page showing the map: the map's events call whoever shows it now. */
  listeners: {
    onLoad: () => void;
    onLine: (key: string) => void;
    onCommune: (insee: string) => void;
  };
}

let kept: KeptMap | null = null;

/** The kept map if it was made with the same tile style, else null (a different one is dropped). */
export function takeKeptMap(tileUrl: string | null): KeptMap | null {
  const found = kept;
  kept = null;
  if (found && found.tileUrl !== tileUrl) {
    found.map.remove();
    return null;
  }
  return found;
}

/** Keeps `entry` for the next visit (its element already out of the page). */
export function keepMap(entry: KeptMap): void {
  if (kept && kept !== entry) kept.map.remove();
  kept = entry;
}
