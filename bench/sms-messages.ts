// Adversarial SMS for the reader's bench: families of messages of the worker's cap (2,000
// characters), generated with a seeded random so that every run reads the same texts.
import type { GazetteerData } from '../src/lib/domain/gazetteer/types';
import { MAX_SMS_LENGTH } from '../src/lib/domain/sms/limits';

/** A linear congruential generator: the same seed gives the same messages on any machine. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** Pieces repeated to a length: runs of dashes, name beginnings, typos, glued articles. */
const FRAGMENTS = [
  '-',
  'a-',
  '=',
  '>',
  'saint ',
  'st-',
  'la ',
  'figeak ',
  'lacapelle ',
  'vers ',
  "l'",
  '9h ',
  'de ',
  '-> ',
  'siant cirq ',
  'labastide ',
  'blemont bretenoux ',
  'x',
  ' ',
  '1/',
  'merci ',
  'cajrac ',
  'neuf heures et demie ',
  'je ne veux plus ',
  'Brive ',
  'capdenac gare ',
];
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];
const WORDS = [
  'de',
  'à',
  'vers',
  'pour',
  'demain',
  '9h',
  'merci',
  'je',
  'veux',
  'aller',
  'saint',
  'la',
  'le',
  'gare',
  'sur',
  'depuis',
];

/** Each family's messages, all MAX_SMS_LENGTH long, `count` of each. */
export function adversarialFamilies(
  data: GazetteerData,
  count: number,
  seed = 46,
): Record<string, string[]> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const int = (n: number) => Math.floor(random() * n);
  const fill = (piece: () => string, separator: () => string = () => ' ') => {
    let text = '';
    while (text.length < MAX_SMS_LENGTH) text += piece() + separator();
    return text.slice(0, MAX_SMS_LENGTH);
  };
  const names = [...data.communes.flatMap((c) => [c.name, ...c.aliases]), ...(data.outside ?? [])];
  // One random edit (deletion, substitution or insertion): what a typo does to a name.
  const typo = (name: string) => {
    const w = name.toLowerCase();
    const i = int(w.length);
    const kind = int(3);
    const c = pick(LETTERS);
    if (kind === 0) return w.slice(0, i) + w.slice(i + 1);
    return w.slice(0, i) + c + w.slice(kind === 1 ? i + 1 : i);
  };
  const glued = (name: string) => name.replace(/[- ']/g, '');
  const number = () =>
    pick([
      String(int(100)),
      `${int(32)}/${int(13)}`,
      `${int(24)}h${int(60)}`,
      `${int(24)}:${int(60)}`,
      `le ${int(32)}`,
      `à ${int(24)}h`,
      'lundi',
      'demain',
    ]);
  const generators: Record<string, () => string> = {
    'random-letters': () =>
      fill(
        () => pick(LETTERS),
        () => '',
      ),
    'random-words': () =>
      fill(() => Array.from({ length: 2 + int(10) }, () => pick(LETTERS)).join('')),
    names: () => fill(() => pick(names)),
    'names-hyphenated': () =>
      fill(
        () => pick(names),
        () => '-',
      ),
    'names-glued': () =>
      fill(
        () => glued(pick(names)),
        () => '',
      ),
    'names-with-typos': () => fill(() => typo(pick(names))),
    'all-names-concatenated': () => {
      const start = int(names.length);
      return [...names.slice(start), ...names].join('').slice(0, MAX_SMS_LENGTH);
    },
    numbers: () => fill(number),
    'numbers-glued': () =>
      fill(
        () => String(int(100)),
        () => pick(['', '/', 'h', ':', '-', '.']),
      ),
    emoji: () => fill(() => pick(['😀', '🚗', '👍🏽', '❤️', '🇫🇷', 'Figeac', 'de', 'à', 'Cahors'])),
    apostrophes: () =>
      fill(
        () => pick(["l'", "d'", "j'", "'", '’', "qu'", "l'hospitalet", "aujourd'hui"]),
        () => pick(['', ' ']),
      ),
    hyphens: () =>
      fill(
        () => pick(['-', '--', '->', '=>', 'st-', 'a-', '-saint-', 'x-']),
        () => '',
      ),
    sentences: () =>
      fill(() => pick([pick(names), typo(pick(names)), pick(WORDS), pick(WORDS), pick(WORDS)])),
  };
  return Object.fromEntries(
    Object.entries(generators).map(([family, generate]) => [
      family,
      Array.from({ length: count }, generate),
    ]),
  );
}

/** Every fragment, every pair of fragments, and seeded random mixes, repeated to each length. */
export function fragmentMessages(lengths: readonly number[]): { length: number; text: string }[] {
  const random = seededRandom(46);
  const units: string[] = [...FRAGMENTS];
  for (const a of FRAGMENTS) for (const b of FRAGMENTS.slice(0, 8)) units.push(a + b);
  for (let k = 0; k < 200; k++) {
    let unit = '';
    const parts = 2 + Math.floor(random() * 8);
    for (let p = 0; p < parts; p++) unit += FRAGMENTS[Math.floor(random() * FRAGMENTS.length)];
    units.push(unit);
  }
  const out: { length: number; text: string }[] = [];
  for (const unit of units) {
    for (const length of lengths) {
      out.push({ length, text: unit.repeat(Math.ceil(length / unit.length)).slice(0, length) });
    }
  }
  return out;
}
