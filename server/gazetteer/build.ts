// Joins the official list of current communes with polygons: former communes become aliases of
// the commune they joined, and their polygons are merged into it. The official list always wins.
import { isCommonWordName } from '../../src/lib/domain/gazetteer/common-words';
import { normalizeName, stripArticle } from '../../src/lib/domain/gazetteer/normalize';
import type { Commune, GazetteerData } from '../../src/lib/domain/gazetteer/types';
import {
  centreOf,
  round5,
  roundPolygon,
  type Point,
  type Polygon,
  type Position,
} from './geometry';
import type { OfficialEntry } from './official';
import { neighboursOf, outsideTowns } from './outside';
import type { GeometryFeature } from './sources';

export interface CommuneFeature {
  readonly type: 'Feature';
  readonly properties: { readonly insee: string; readonly name: string };
  readonly geometry:
    | { readonly type: 'Polygon'; readonly coordinates: Position[][] }
    | { readonly type: 'MultiPolygon'; readonly coordinates: Position[][][] };
}

export interface BuiltGazetteer {
  readonly data: GazetteerData;
  readonly geojson: { readonly type: 'FeatureCollection'; readonly features: CommuneFeature[] };
  readonly warnings: string[];
  readonly stats: {
    readonly communes: number;
    readonly aliases: number;
    readonly polygons: number;
    /** Polygons of former communes merged into the commune they joined. */
    readonly mergedPolygons: number;
    /** Former names found only in the geometry source. */
    readonly geometryNames: number;
    readonly withoutGeometry: number;
    readonly commonWords: string[];
  };
}

const FORMER = new Set(['commune-deleguee', 'commune-associee']);

export function buildGazetteer(input: {
  official: readonly OfficialEntry[];
  features: readonly GeometryFeature[];
  departements: readonly string[];
  generatedAt: string;
  /** Départements whose communes are read as "outside"; default: the known neighbours. */
  outsideDepartements?: readonly string[];
}): BuiltGazetteer {
  const { official, features, departements, generatedAt } = input;
  const outside = outsideTowns(
    official,
    departements,
    input.outsideDepartements ?? neighboursOf(departements),
  );
  const warnings: string[] = [];
  const current = new Map<string, OfficialEntry>();
  for (const entry of official) {
    if (entry.type === 'commune-actuelle' && departements.includes(entry.departement ?? '')) {
      current.set(entry.code, entry);
    }
  }
  for (const dept of departements) {
    if (![...current.values()].some((c) => c.departement === dept)) {
      throw new Error(
        `No current commune in département "${dept}" in the official list: is the code right?`,
      );
    }
  }

  // Every code a polygon may carry → the current commune it now belongs to.
  const owner = new Map<string, string>();
  const aliases = new Map<string, string[]>();
  for (const code of current.keys()) {
    owner.set(code, code);
    aliases.set(code, []);
  }
  for (const entry of official) {
    if (!FORMER.has(entry.type) || !entry.chefLieu || !current.has(entry.chefLieu)) continue;
    if (!owner.has(entry.code)) owner.set(entry.code, entry.chefLieu);
    aliases.get(entry.chefLieu)!.push(entry.nom);
  }

  const polygons = new Map<string, Polygon[]>();
  let mergedPolygons = 0;
  const geometryOnly = new Set<string>();
  for (const feature of features) {
    const code = owner.get(feature.code);
    if (!code) {
      if (departements.some((d) => feature.code.startsWith(d))) {
        warnings.push(
          `geometry ${feature.code} (${feature.name}) matches no commune of the official list, skipped`,
        );
      }
      continue;
    }
    const parts = polygons.get(code) ?? [];
    parts.push(...feature.polygons);
    polygons.set(code, parts);
    if (feature.code !== code) mergedPolygons += feature.polygons.length;
    const known = [current.get(code)!.nom, ...aliases.get(code)!];
    if (feature.name && !known.includes(feature.name)) {
      aliases.get(code)!.push(feature.name);
      geometryOnly.add(feature.name);
    }
  }

  const communes: Commune[] = [];
  const missing: OfficialEntry[] = [];
  const centres = new Map<string, Point>();
  for (const entry of current.values()) {
    const centre = centreOf(polygons.get(entry.code) ?? []);
    if (centre) centres.set(entry.code, centre);
    else missing.push(entry);
  }
  for (const entry of missing) {
    const centre = fallbackCentre(entry, current, centres);
    centres.set(entry.code, centre);
    warnings.push(
      `no geometry for ${entry.code} ${entry.nom}: centre put at the middle of communes sharing its postcode ` +
        `(${round5(centre.lon)}, ${round5(centre.lat)}), and it has no polygon on the map`,
    );
  }

  for (const entry of current.values()) {
    const names = distinctAliases(entry.nom, aliases.get(entry.code)!);
    const centre = centres.get(entry.code)!;
    communes.push({
      insee: entry.code,
      name: entry.nom,
      aliases: names,
      postcodes: [...(entry.codesPostaux ?? [])].sort(),
      population: entry.population ?? 0,
      dept: entry.departement ?? '',
      lon: round5(centre.lon),
      lat: round5(centre.lat),
      commonWord: [entry.nom, ...names].some((n) => isCommonWordName(normalizeName(n))),
    });
  }
  communes.sort((a, b) => (a.insee < b.insee ? -1 : 1));

  const geojsonFeatures: CommuneFeature[] = [];
  for (const commune of communes) {
    const parts = (polygons.get(commune.insee) ?? [])
      .map((p) => roundPolygon(p).filter((ring) => ring.length >= 4))
      .filter((p) => p.length > 0);
    if (parts.length === 0) continue;
    geojsonFeatures.push({
      type: 'Feature',
      properties: { insee: commune.insee, name: commune.name },
      geometry:
        parts.length === 1
          ? { type: 'Polygon', coordinates: parts[0]! }
          : { type: 'MultiPolygon', coordinates: parts },
    });
  }

  return {
    data: { schema: 1, generatedAt, departements: [...departements], communes, outside },
    geojson: { type: 'FeatureCollection', features: geojsonFeatures },
    warnings,
    stats: {
      communes: communes.length,
      aliases: communes.reduce((n, c) => n + c.aliases.length, 0),
      polygons: [...polygons.values()].reduce((n, p) => n + p.length, 0),
      mergedPolygons,
      geometryNames: communes.reduce(
        (n, c) => n + c.aliases.filter((a) => geometryOnly.has(a)).length,
        0,
      ),
      withoutGeometry: missing.length,
      commonWords: communes.filter((c) => c.commonWord).map((c) => c.name),
    },
  };
}

/** Former names worth searching: not the current name again, nor it with or without its article. */
function distinctAliases(name: string, candidates: readonly string[]): string[] {
  const seen = new Set([stripArticle(normalizeName(name))]);
  const out: string[] = [];
  for (const alias of candidates) {
    const key = stripArticle(normalizeName(alias));
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(alias);
  }
  return out;
}

/** Middle of the communes that share a postcode with this one, else of the whole département. */
function fallbackCentre(
  entry: OfficialEntry,
  current: ReadonlyMap<string, OfficialEntry>,
  centres: ReadonlyMap<string, Point>,
): Point {
  const postcodes = new Set(entry.codesPostaux ?? []);
  const near: Point[] = [];
  const sameDept: Point[] = [];
  for (const [code, centre] of centres) {
    const other = current.get(code)!;
    if (other.departement === entry.departement) sameDept.push(centre);
    if ((other.codesPostaux ?? []).some((p) => postcodes.has(p))) near.push(centre);
  }
  const points = near.length > 0 ? near : sameDept;
  if (points.length === 0) return { lon: 0, lat: 0 };
  return {
    lon: points.reduce((s, p) => s + p.lon, 0) / points.length,
    lat: points.reduce((s, p) => s + p.lat, 0) / points.length,
  };
}
