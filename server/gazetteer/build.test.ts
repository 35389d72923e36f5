// Builds the Lot's gazetteer from the real official list and the real geometry.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Commune } from '../../src/lib/domain/gazetteer/types';
import { buildGazetteer, type BuiltGazetteer } from './build';
import { polygonContains, type Polygon } from './geometry';
import { loadOfficialCommunes } from './official';
import { loadGeometry, sharedGeometryPath, type GeometrySource } from './sources';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const official = loadOfficialCommunes();
// The 2018 shared file when present (it has the 8 polygons of former communes); otherwise the
// generated base layer, so the test never needs the network.
const fallback = fileURLToPath(new URL('../../static/gazetteer/communes.geojson', import.meta.url));
let geometry: GeometrySource;
let built: BuiltGazetteer;
const byName = (name: string): Commune => {
  const commune = built.data.communes.find((c) => c.name === name);
  if (!commune) throw new Error(`${name} is not in the gazetteer`);
  return commune;
};
const partsOf = (insee: string): Polygon[] => {
  const feature = built.geojson.features.find((f) => f.properties.insee === insee);
  if (!feature) return [];
  return feature.geometry.type === 'Polygon'
    ? [feature.geometry.coordinates]
    : feature.geometry.coordinates;
};

beforeAll(async () => {
  const shared = existsSync(sharedGeometryPath(projectRoot, '46'));
  if (!shared && !existsSync(fallback)) {
    throw new Error(
      'No geometry for 46 offline: run `npm run gazetteer -- --departement 46` first.',
    );
  }
  geometry = await loadGeometry(['46'], projectRoot, shared ? undefined : fallback);
  built = buildGazetteer({
    official,
    features: geometry.features,
    departements: ['46'],
    generatedAt: 'now',
  });
});

describe('the Lot gazetteer', () => {
  it('has exactly the current communes of the official list', () => {
    const current = official.filter((e) => e.type === 'commune-actuelle' && e.departement === '46');
    expect(current).toHaveLength(312);
    expect(built.data.communes.map((c) => c.insee).sort()).toEqual(
      current.map((c) => c.code).sort(),
    );
    expect(byName('Figeac')).toMatchObject({ insee: '46102', postcodes: ['46100'], dept: '46' });
  });

  it('takes names from the official list, not from the older geometry', () => {
    expect(byName('Les Arques').insee).toBe('46008');
    expect(built.data.communes.some((c) => c.name === 'Arques')).toBe(false);
  });

  it('keeps Labastide-Murat and the other former communes as aliases of Cœur de Causse', () => {
    expect(byName('Cœur de Causse').aliases).toEqual(
      expect.arrayContaining(['Labastide-Murat', 'Beaumat', 'Fontanes-du-Causse', 'Vaillac']),
    );
    expect(byName('Saint Géry-Vers').aliases).toEqual(
      expect.arrayContaining(['Saint-Géry', 'Vers']),
    );
  });

  it('merges the polygons of former communes into the commune they joined', () => {
    expect(partsOf('46138').length).toBeGreaterThanOrEqual(1);
    // Porte-du-Quercy = Le Boulvé + Fargues + Saint-Matré + Saux, separate polygons in 2018.
    expect(partsOf('46033')).toHaveLength(4);
    expect(built.geojson.features).toHaveLength(312);
    expect(
      built.geojson.features.some((f) => ['46099', '46217', '46300'].includes(f.properties.insee)),
    ).toBe(false);
  });

  it('gives every commune a centre inside the Lot and inside its own polygons', () => {
    for (const c of built.data.communes) {
      expect(c.lon, c.name).toBeGreaterThan(0.98);
      expect(c.lon, c.name).toBeLessThan(2.22);
      expect(c.lat, c.name).toBeGreaterThan(44.2);
      expect(c.lat, c.name).toBeLessThan(45.05);
      const inside = partsOf(c.insee).some((p) => polygonContains(p, { lon: c.lon, lat: c.lat }));
      expect(inside, c.name).toBe(true);
    }
  });

  it('gives every commune its postcodes and population, with no commune left without geometry', () => {
    for (const c of built.data.communes) {
      expect(c.postcodes.length, c.name).toBeGreaterThan(0);
      for (const p of c.postcodes) expect(p).toMatch(/^46\d{3}$/);
      expect(c.population, c.name).toBeGreaterThan(0);
    }
    expect(built.stats.withoutGeometry).toBe(0);
    expect(built.warnings).toEqual([]);
  });

  it('flags the communes whose name or former name is an ordinary word', () => {
    for (const name of ['Espère', 'Fons', 'Le Bourg', 'Saint Géry-Vers', 'Bellefont-La Rauze']) {
      expect(byName(name).commonWord, name).toBe(true);
    }
    for (const name of ['Figeac', 'Cahors', 'Gramat', 'Les Pechs du Vers']) {
      expect(byName(name).commonWord, name).toBe(false);
    }
  });

  it('lists the towns outside the Lot that SMS name, most populated first, none of the Lot', () => {
    const outside = built.data.outside ?? [];
    for (const town of ['Brive-la-Gaillarde', 'Capdenac-Gare', 'Aurillac', 'Rodez', 'Toulouse'])
      expect(outside).toContain(town);
    expect(outside.indexOf('Toulouse')).toBeLessThan(outside.indexOf('Capdenac-Gare'));
    const lot = new Set(built.data.communes.map((c) => c.name));
    expect(outside.filter((name) => lot.has(name))).toEqual([]);
  });

  it('refuses an unknown département', () => {
    expect(() =>
      buildGazetteer({ official, features: [], departements: ['99'], generatedAt: 'now' }),
    ).toThrow(/No current commune in département "99"/);
  });
});
