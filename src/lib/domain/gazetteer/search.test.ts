// eslint-disable-next-line no-restricted-imports -- the test (not the module) reads the generated gazetteer
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildGazetteerIndex,
  communeByInsee,
  matchCommuneExact,
  normalizeName,
  searchCommunes,
} from './search';
import type { GazetteerData } from './types';

const file = new URL('../../../../data/gazetteer.json', import.meta.url);
if (!existsSync(file)) {
  throw new Error(
    'data/gazetteer.json is missing: run `npm run gazetteer -- --departement 46` first.',
  );
}
const generated = JSON.parse(readFileSync(file, 'utf8')) as GazetteerData;
// These tests speak about the Lot: keep its communes whatever else DEPARTEMENTS added.
const data: GazetteerData = {
  ...generated,
  communes: generated.communes.filter((c) => c.dept === '46'),
};
if (data.communes.length === 0) {
  throw new Error(
    'data/gazetteer.json has no commune of the Lot: run `npm run gazetteer -- --departement 46`.',
  );
}
const index = buildGazetteerIndex(data);
const first = (query: string) => searchCommunes(index, query)[0]?.commune.name;
const names = (query: string, limit?: number) =>
  searchCommunes(index, query, limit).map((m) => m.commune.name);

describe('searchCommunes on the Lot', () => {
  it('finds a commune typed without accents, in any case, with hyphens or spaces', () => {
    expect(first('saint cere')).toBe('Saint-Céré');
    expect(first('SAINT-CÉRÉ')).toBe('Saint-Céré');
    expect(first('puy l eveque')).toBe("Puy-l'Évêque");
    expect(first('coeur de causse')).toBe('Cœur de Causse');
  });

  it('understands St and Ste', () => {
    expect(first('St Céré')).toBe('Saint-Céré');
    expect(first('st-cirq-lapopie')).toBe('Saint-Cirq-Lapopie');
    expect(first('Ste Colombe')).toBe('Sainte-Colombe');
  });

  it('forgives small typos', () => {
    expect(first('Gramta')).toBe('Gramat');
    expect(first('Figeak')).toBe('Figeac');
    expect(first('Souilac')).toBe('Souillac');
    expect(first('Rocamadur')).toBe('Rocamadour');
    expect(first('Puylevesque')).toBe("Puy-l'Évêque");
  });

  it('finds a merged commune from its former name and says which name matched', () => {
    const [match] = searchCommunes(index, 'Labastide-Murat');
    expect(match?.commune.name).toBe('Cœur de Causse');
    expect(match?.matched).toBe('Labastide-Murat');
    expect(first('Sousceyrac')).toBe('Sousceyrac-en-Quercy');
  });

  it('completes partial names', () => {
    expect(first('Biars')).toBe('Biars-sur-Cère');
    expect(first('Montcuq')).toBe('Montcuq-en-Quercy-Blanc');
    expect(names('Lacapelle')).toEqual(
      expect.arrayContaining(['Lacapelle-Marival', 'Lacapelle-Cabanac']),
    );
    expect(first('Arques')).toBe('Les Arques');
  });

  it('lists every commune of a postcode, the most populated first', () => {
    const found = searchCommunes(index, '46100', 50);
    const expected = data.communes.filter((c) => c.postcodes.includes('46100'));
    expect(found.map((m) => m.commune.insee).sort()).toEqual(expected.map((c) => c.insee).sort());
    expect(found[0]?.commune.name).toBe('Figeac');
    expect(found.every((m) => m.score === 1)).toBe(true);
  });

  it('ranks an exact name before prefixes and prefixes before typos', () => {
    const found = searchCommunes(index, 'Vers', 8);
    expect(found[0]?.commune.name).toBe('Saint Géry-Vers');
    const figeac = searchCommunes(index, 'Figea');
    expect(figeac[0]?.commune.name).toBe('Figeac');
    const scores = searchCommunes(index, 'Lacapele', 8).map((m) => m.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('breaks ties by population', () => {
    const found = searchCommunes(index, 'saint', 20);
    for (let i = 1; i < found.length; i++) {
      const [a, b] = [found[i - 1]!, found[i]!];
      if (a.score === b.score)
        expect(a.commune.population).toBeGreaterThanOrEqual(b.commune.population);
    }
  });

  it('returns nothing for an empty query and respects the limit', () => {
    expect(searchCommunes(index, '  ')).toEqual([]);
    expect(searchCommunes(index, 's', 3)).toHaveLength(3);
  });

  it('finds every commune first by its own name', () => {
    for (const commune of data.communes) {
      expect(searchCommunes(index, commune.name, 1)[0]?.commune.insee).toBe(commune.insee);
    }
  });

  it('never returns the same commune twice, best score first', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (query) => {
        const found = searchCommunes(index, query, 20);
        expect(new Set(found.map((m) => m.commune.insee)).size).toBe(found.length);
        for (let i = 1; i < found.length; i++) {
          expect(found[i - 1]!.score).toBeGreaterThanOrEqual(found[i]!.score);
        }
      }),
    );
  });
});

describe('exact lookups', () => {
  it('matches a normalised name or former name exactly, and nothing else', () => {
    expect(matchCommuneExact(index, 'figeac')?.insee).toBe('46102');
    expect(matchCommuneExact(index, normalizeName('Labastide-Murat'))?.name).toBe('Cœur de Causse');
    expect(matchCommuneExact(index, 'figea')).toBeUndefined();
    expect(matchCommuneExact(index, 'Figeac')).toBeUndefined();
  });

  it('finds a commune by its INSEE code', () => {
    expect(communeByInsee(index, '46042')?.name).toBe('Cahors');
    expect(communeByInsee(index, '99999')).toBeUndefined();
  });

  it('knows how many words the longest name has', () => {
    expect(index.maxNameTokens).toBeGreaterThanOrEqual(5);
  });
});
