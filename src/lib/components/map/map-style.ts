// The map's style: the communes' own polygons (shipped with the app, so it works offline) and the
// network's lines; an online raster tile layer goes under them only when one is set.
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl';

export const COMMUNES_URL = '/gazetteer/communes.geojson';
export const OFFER_COLOUR = '#1d4e89';
export const UNMET_COLOUR = '#c62828';
export const PLACE_COLOUR = '#2e7d32';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

export function networkStyle(tileUrl: string | null): StyleSpecification {
  const tiles: { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] } =
    tileUrl
      ? {
          sources: {
            tiles: {
              type: 'raster',
              tiles: [tileUrl],
              tileSize: 256,
              attribution: 'Fond de carte en ligne',
            },
          },
          layers: [{ id: 'tiles', type: 'raster', source: 'tiles' }],
        }
      : { sources: {}, layers: [] };
  return {
    version: 8,
    sources: {
      ...tiles.sources,
      communes: { type: 'geojson', data: COMMUNES_URL },
      lines: { type: 'geojson', data: EMPTY },
      places: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } },
      ...tiles.layers,
      {
        id: 'communes-fill',
        type: 'fill',
        source: 'communes',
        paint: { 'fill-color': '#ffffff', 'fill-opacity': tileUrl ? 0.15 : 0.7 },
      },
      {
        id: 'communes-outline',
        type: 'line',
        source: 'communes',
        paint: { 'line-color': '#9aa3ad', 'line-width': 0.6 },
      },
      {
        id: 'lines-offer',
        type: 'line',
        source: 'lines',
        filter: ['==', ['get', 'kind'], 'offer'],
        layout: { 'line-cap': 'round' },
        paint: { 'line-color': OFFER_COLOUR, 'line-width': ['get', 'width'], 'line-opacity': 0.8 },
      },
      {
        id: 'lines-unmet',
        type: 'line',
        source: 'lines',
        filter: ['==', ['get', 'kind'], 'unmet'],
        layout: { 'line-cap': 'round' },
        // Beside the offer, not over it: a line both offered and asked for shows both.
        paint: {
          'line-color': UNMET_COLOUR,
          'line-width': ['get', 'width'],
          'line-offset': 4,
          'line-dasharray': [2, 1],
        },
      },
      {
        id: 'lines-selected',
        type: 'line',
        source: 'lines',
        filter: ['==', ['get', 'key'], ''],
        paint: { 'line-color': '#f9a825', 'line-width': 3, 'line-gap-width': 6 },
      },
      {
        id: 'places',
        type: 'circle',
        source: 'places',
        paint: {
          'circle-radius': 4,
          'circle-color': PLACE_COLOUR,
          'circle-stroke-color': '#ffffff',
          'circle-stroke-width': 1,
        },
      },
    ],
  };
}
