// The map's style: the communes' own polygons (shipped with the app, so it works offline) and the
// network's lines; an online raster tile layer goes under them only when one is set.
import type {
  ExpressionSpecification,
  LayerSpecification,
  SourceSpecification,
  StyleSpecification,
} from 'maplibre-gl';

export const COMMUNES_URL = '/gazetteer/communes.geojson';
export const OFFER_COLOUR = '#1d4e89';
export const UNMET_COLOUR = '#c62828';
export const PLACE_COLOUR = '#2e7d32';
const OUTLINE_COLOUR = '#9aa3ad';

const EMPTY = { type: 'FeatureCollection' as const, features: [] };

/**
 * A line's width from its feature state `w` (NetworkMap sets the period's widths there, 0 for
 * the lines the period does not show: the source holds every period's lines), halved at the whole Lot's zoom (about 8) and full from
 * zoom 10: at a glance thousands of lines overlap anyway, and in software WebGL the pixels drawn
 * are what a year of them costs (docs/map.md).
 */
const WIDTH: ExpressionSpecification = ['number', ['feature-state', 'w'], 0];
const WIDTH_BY_ZOOM: ExpressionSpecification = [
  'interpolate',
  ['linear'],
  ['zoom'],
  8,
  ['*', 0.5, WIDTH],
  10,
  WIDTH,
];

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
      // Straight lines between commune centres: tiles of zoom 6 (about 76 m a unit) are exact
      // enough at every zoom, and the whole Lot's lines come in one or two tiles, not a dozen.
      // Keyed by the features' `id` property, which their widths (feature state) go by.
      lines: { type: 'geojson', data: EMPTY, maxzoom: 6, promoteId: 'id' },
      places: { type: 'geojson', data: EMPTY },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f4f1ea' } },
      ...tiles.layers,
      // Without tiles, the fill's own 1-px outline draws the communes' borders: a line layer
      // over it cost half of a frame's time in software WebGL (docs/map.md). Over tiles the
      // fill is nearly transparent, and so would its outline be: a line layer draws it.
      tileUrl
        ? {
            id: 'communes-fill',
            type: 'fill',
            source: 'communes',
            paint: { 'fill-color': '#ffffff', 'fill-opacity': 0.15 },
          }
        : {
            id: 'communes-fill',
            type: 'fill',
            source: 'communes',
            paint: {
              'fill-color': '#ffffff',
              'fill-opacity': 0.7,
              'fill-outline-color': OUTLINE_COLOUR,
            },
          },
      ...(tileUrl
        ? [
            {
              id: 'communes-outline',
              type: 'line' as const,
              source: 'communes',
              paint: { 'line-color': OUTLINE_COLOUR, 'line-width': 0.6 },
            },
          ]
        : []),
      {
        id: 'lines-offer',
        type: 'line',
        source: 'lines',
        filter: ['==', ['get', 'kind'], 'offer'],
        layout: { 'line-cap': 'round' },
        paint: { 'line-color': OFFER_COLOUR, 'line-width': WIDTH_BY_ZOOM, 'line-opacity': 0.8 },
      },
      {
        id: 'lines-unmet',
        type: 'line',
        source: 'lines',
        filter: ['==', ['get', 'kind'], 'unmet'],
        layout: { 'line-cap': 'round' },
        // Beside the offer, not over it, by its geometry (geojson.ts): a line both offered and
        // asked for shows both. Solid: a dash pattern was the costliest thing to draw.
        paint: { 'line-color': UNMET_COLOUR, 'line-width': WIDTH_BY_ZOOM },
      },
      {
        id: 'lines-selected',
        type: 'line',
        source: 'lines',
        filter: ['==', ['get', 'key'], ''],
        // Not around a line the period does not show.
        paint: {
          'line-color': '#f9a825',
          'line-width': ['case', ['>', WIDTH, 0], 3, 0],
          'line-gap-width': ['case', ['>', WIDTH, 0], 6, 0],
        },
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
