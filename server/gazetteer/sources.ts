// Where the communes' polygons come from: GAZETTEER_GEOMETRY (file or URL), else the shared
// GeoJSON file beside the project, else the official API Géo online.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Polygon } from './geometry';

export interface GeometryFeature {
  readonly code: string;
  readonly name: string;
  readonly polygons: readonly Polygon[];
}

export interface GeometrySource {
  readonly features: GeometryFeature[];
  /** Human-readable description of each source used, for the log. */
  readonly used: string[];
}

export function apiGeoUrl(dept: string): string {
  return `https://geo.api.gouv.fr/departements/${dept}/communes?format=geojson&geometry=contour&fields=code,nom`;
}

export function sharedGeometryPath(projectRoot: string, dept: string): string {
  return resolve(projectRoot, '..', 'shared', 'data', `communes-${dept}.geojson`);
}

export async function loadGeometry(
  departements: readonly string[],
  projectRoot: string,
  configured: string | undefined,
): Promise<GeometrySource> {
  if (configured) {
    return { features: parseGeoJson(await readSource(configured), configured), used: [configured] };
  }
  const features: GeometryFeature[] = [];
  const used: string[] = [];
  for (const dept of departements) {
    const shared = sharedGeometryPath(projectRoot, dept);
    const source = existsSync(shared) ? shared : apiGeoUrl(dept);
    features.push(...parseGeoJson(await readSource(source), source));
    used.push(source);
  }
  return { features, used };
}

async function readSource(source: string): Promise<string> {
  if (!/^https?:\/\//.test(source)) {
    try {
      return readFileSync(resolve(source), 'utf8');
    } catch (error) {
      throw new Error(`Cannot read the geometry file ${source}: ${(error as Error).message}`);
    }
  }
  let response: Response;
  try {
    response = await fetch(source, { signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause?.message ?? (error as Error).message;
    throw new Error(
      `Cannot download the communes' geometry from ${source} (${cause}). Are you offline? ` +
        'Set GAZETTEER_GEOMETRY to a local GeoJSON file, or put communes-<dept>.geojson in ../shared/data/.',
    );
  }
  if (!response.ok) {
    throw new Error(
      `Downloading the communes' geometry from ${source} failed: HTTP ${response.status}.`,
    );
  }
  return response.text();
}

interface RawFeature {
  geometry?: { type?: string; coordinates?: unknown } | null;
  properties?: Record<string, unknown> | null;
}

/** Accepts a FeatureCollection of Polygon/MultiPolygon features with a code and a name property. */
export function parseGeoJson(text: string, source: string): GeometryFeature[] {
  let json: { type?: string; features?: RawFeature[] };
  try {
    json = JSON.parse(text) as typeof json;
  } catch (error) {
    throw new Error(`The geometry from ${source} is not valid JSON: ${(error as Error).message}`);
  }
  if (json.type !== 'FeatureCollection' || !Array.isArray(json.features)) {
    throw new Error(`The geometry from ${source} is not a GeoJSON FeatureCollection.`);
  }
  const features: GeometryFeature[] = [];
  for (const feature of json.features) {
    const props = feature.properties ?? {};
    const code = String(props.code ?? props.insee ?? props.INSEE_COM ?? '');
    const name = String(props.nom ?? props.name ?? props.NOM_COM ?? '');
    const geometry = feature.geometry;
    if (!code || !geometry) continue;
    if (geometry.type === 'Polygon') {
      features.push({ code, name, polygons: [geometry.coordinates as Polygon] });
    } else if (geometry.type === 'MultiPolygon') {
      features.push({ code, name, polygons: geometry.coordinates as Polygon[] });
    }
  }
  return features;
}
