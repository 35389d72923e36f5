// Properties of the place finder over whole gazetteers: every commune of the Lot in the ways
// people write it, towns outside read as null, and the same rules on a second département.
// eslint-disable-next-line no-restricted-imports -- the test (not the module) reads the generated gazetteer
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundedEditDistance } from '../gazetteer/edit-distance';
import { normalizeName, stripArticle } from '../gazetteer/normalize';
import { foldText } from './tokenize';
import type { Commune, GazetteerData } from '../gazetteer/types';
import { buildPlaceLexicon, type PlaceLexicon } from './place-lexicon';
import { parseSms, toParseLine } from './parse-sms';
import { CANTAL_GAZETTEER } from './test-gazetteer-cantal';

const file = new URL('../../../../data/gazetteer.json', import.meta.url);
if (!existsSync(file)) {
  throw new Error('data/gazetteer.json is missing: run `npm run gazetteer -- --departement 46`.');
}
const LOT = JSON.parse(readFileSync(file, 'utf8')) as GazetteerData;
const lot = buildPlaceLexicon(LOT);
const cantal = buildPlaceLexicon(CANTAL_GAZETTEER);
const now = new Date('2026-11-23T10:15:00+01:00');
const read = (text: string, lexicon: PlaceLexicon) => toParseLine(parseSms(text, { now, lexicon }));

/** "Le Montat" → "au Montat", "Les Arques" → "aux Arques", "Figeac" → "à Figeac". */
function atPlace(name: string): string {
  const m = /^(les|le|la) (.*)$|^l'(.*)$/i.exec(name);
  if (m === null) return `à ${name}`;
  if (m[3] !== undefined) return `à l'${m[3]}`;
  return { les: 'aux ', le: 'au ', la: 'à la ' }[m[1]!.toLowerCase() as 'le'] + m[2];
}
const key = (name: string): string => stripArticle(normalizeName(name));
const spellings = (name: string): string[] => [
  name,
  foldText(name),
  name.replace(/-/g, ' '),
  foldText(name).replace(/[-']/g, ' ').toUpperCase(),
];

describe('every commune of the Lot', () => {
  const communes = LOT.communes.filter((c) => c.dept === '46');

  it('is found in "je suis à X", "je vais au X demain" and "depuis X", however it is spelt', () => {
    const misses: string[] = [];
    for (const c of communes) {
      // A name that is also a word ("au bourg") is a place when another place is named.
      const other = c.commonWord ? (c.name === 'Figeac' ? ' pour Cahors' : ' pour Figeac') : '';
      for (const name of spellings(c.name)) {
        const at = atPlace(name);
        if (read(`je suis ${at}${other}`, lot).from !== c.insee) misses.push(`suis ${at}`);
        if (read(`je vais ${at} demain${other.replace('pour', 'depuis')}`, lot).to !== c.insee)
          misses.push(`vais ${at}`);
        if (read(`depuis ${name} pour Cahors`, lot).from !== c.insee && c.name !== 'Cahors')
          misses.push(`depuis ${name}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it('is found with one typo in a name of six letters or more, or an equally close commune', () => {
    // Every typo of every name (a swap, a dropped, doubled or changed letter, anywhere but the
    // first and last letter). Known misses: a typo that makes another word ("sait cere") or
    // the start of another commune ("le montet"), ~0.2 %.
    const long = communes.filter((c) => c.name.replace(/[^a-zA-Z]/g, '').length >= 6);
    const spelt = (k: Commune) => [k.name, ...k.aliases].map((n) => foldText(n).replace(/-/g, ' '));
    let tried = 0;
    const misses: string[] = [];
    for (const c of long) {
      const name = foldText(c.name).replace(/-/g, ' ');
      for (let at = 1; at < name.length - 1; at++) {
        for (const edit of ['swap', 'drop', 'double', 'change']) {
          const typo = withTypo(name, at, edit);
          if (typo === name || !/[a-z]$/.test(typo)) continue;
          tried++;
          const got = read(`depuis ${typo} pour Cahors`, lot).from;
          const close = communes.some(
            (k) => k.insee === got && spelt(k).some((n) => boundedEditDistance(n, typo, 1) <= 1),
          );
          if (got !== c.insee && !close) misses.push(`${typo} (${c.name}) → ${got}`);
        }
      }
    }
    expect(tried).toBeGreaterThan(5000);
    expect(misses.length / tried, misses.join('\n')).toBeLessThan(0.005);
  });
});

function withTypo(word: string, i: number, edit: string): string {
  if (edit === 'swap') return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  if (edit === 'drop') return word.slice(0, i) + word.slice(i + 1);
  if (edit === 'double') return word.slice(0, i) + word[i] + word.slice(i);
  return word.slice(0, i) + (word[i] === 'e' ? 'a' : 'e') + word.slice(i + 1);
}

describe('towns outside the territory', () => {
  it('read as null, not as a commune of the Lot whose name begins alike', () => {
    const outside = LOT.outside ?? [];
    expect(outside.length).toBeGreaterThan(100);
    fc.assert(
      fc.property(fc.constantFrom(...outside.slice(0, 400)), (town) => {
        const line = read(`de ${town} à Figeac demain 9h`, lot);
        expect(line.from, town).toBeNull();
        expect(line.to).toBe('46102');
      }),
      { numRuns: 300 },
    );
  });

  it('read as null when the gazetteer does not know them at all', () => {
    // Condat and Saint-Cernin are communes of the Lot too, and Le Vigean is one typo from Le
    // Vigan: the typo rule reads it as the Lot's.
    const lotNames = LOT.communes.flatMap((c) => [c.name, ...c.aliases]).map(key);
    const unknown = CANTAL_GAZETTEER.communes.filter(
      (c) => !lotNames.some((name) => boundedEditDistance(name, key(c.name), 1) <= 1),
    );
    expect(unknown.length).toBeGreaterThan(30);
    for (const c of unknown) {
      expect(read(`de Figeac à ${c.name} lundi`, lot), c.name).toMatchObject({
        from: '46102',
        to: null,
      });
    }
  });
});

describe('the reader on another territory (Cantal)', () => {
  const communes = CANTAL_GAZETTEER.communes;

  it('reads every pair of its communes, with prepositions or bare, with or without accents', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...communes),
        fc.constantFrom(...communes),
        fc.boolean(),
        (a, b, fold) => {
          fc.pre(a.insee !== b.insee);
          const [x, y] = fold ? [foldText(a.name), foldText(b.name)] : [a.name, b.name];
          expect(read(`de ${x} ${atPlace(y)} demain 9h`, cantal)).toMatchObject({
            from: a.insee,
            to: b.insee,
          });
          expect(read(`${x} ${y} jeudi`, cantal)).toMatchObject({ from: a.insee, to: b.insee });
          expect(read(`je suis ${atPlace(x)}, pour aller ${atPlace(y)}`, cantal)).toMatchObject({
            from: a.insee,
            to: b.insee,
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('knows no commune of the Lot: its outside list says null, the rest is unknown', () => {
    expect(read('Aurillac Figeac demain', cantal)).toMatchObject({ from: '15014', to: null });
    expect(read('de Maurs à Cahors lundi', cantal)).toMatchObject({ from: '15122', to: null });
    expect(read('de Gramat à Figeac lundi', cantal)).toMatchObject({ from: null, to: null });
  });
});
