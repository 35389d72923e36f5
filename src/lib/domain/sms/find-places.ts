// Finds the communes an SMS names and decides which is the origin and which the destination.
// Exact names first (longest n-gram wins), then unique prefixes ("Biars"), then typos ("Figeak").
// A name that is also a word ("Vers", "Fons") counts only after de/à/depuis/pour/vers.
import type { Commune } from '../gazetteer/types';
import { lookupExact, lookupFuzzy, lookupPrefix, type PlaceLexicon } from './place-lexicon';
import { SMS_WORDS } from './vocabulary';

export type PlaceRole = 'from' | 'to';

export interface FoundPlace {
  readonly commune: Commune;
  readonly start: number;
  readonly end: number;
  readonly how: 'exact' | 'prefix' | 'typo';
  /** The role a preposition or verb gives it, and how sure that is (0 = none, 3 = sure). */
  readonly role: PlaceRole | null;
  readonly strength: number;
}

export interface PlaceReading {
  readonly from: Commune | null;
  readonly to: Commune | null;
  /** How the roles were decided: prepositions, the order of a bare pair, or one bare place. */
  readonly evidence: 'marker' | 'order' | 'single' | 'none';
  readonly places: readonly FoundPlace[];
}

/** Words after which a name that is also a word is a place ("de Vers", "à Fons"); not "au"/"du": "au bourg" is the village centre. */
const PLACE_INTRODUCERS = new Set([
  'de',
  'd',
  'a',
  'depuis',
  'pour',
  'vers',
  'habite',
  '->',
  'jusqu',
  'direction',
]);
const BOUNDARIES = new Set([',', '?', '->']);
/** Words that cannot start a place found by prefix or typo. */
const FUNCTION_WORDS = new Set([
  'de',
  'd',
  'du',
  'des',
  'a',
  'au',
  'aux',
  'le',
  'la',
  'les',
  'l',
  'en',
  'sur',
  'et',
  'pour',
  'vers',
  'depuis',
  'par',
  'chez',
  'un',
  'une',
  'ce',
  'cet',
  'cette',
]);
const ORIGIN_VERBS = new Set([
  'habite',
  'habitons',
  'habitent',
  'suis',
  'sommes',
  'vis',
  'reside',
  'reste',
  'trouve',
  'pars',
  'part',
  'partir',
  'partant',
  'depart',
  'viens',
  'venir',
  'revenir',
  'reviens',
  'sors',
]);
const DESTINATION_VERBS = new Set([
  'aller',
  'vais',
  'va',
  'allons',
  'rendre',
  'emmener',
  'amener',
  'conduire',
  'descendre',
  'monter',
  'jusqu',
  'rentrer',
  'retourner',
  'deposer',
  'arriver',
]);

export function findPlaces(
  tokens: readonly string[],
  skip: ReadonlySet<number>,
  lexicon: PlaceLexicon,
): PlaceReading {
  const taken = new Set<number>(skip);
  const found: Omit<FoundPlace, 'role' | 'strength'>[] = [];
  const usable = (i: number): boolean =>
    i < tokens.length && !taken.has(i) && !BOUNDARIES.has(tokens[i]!);
  const previousWord = (i: number): string | undefined => {
    for (let k = i - 1; k >= 0; k--) if (!skip.has(k)) return tokens[k];
    return undefined;
  };

  // Pass 1: exact names, longest first.
  for (let i = 0; i < tokens.length; i++) {
    for (let n = Math.min(lexicon.maxWords, tokens.length - i); n >= 1; n--) {
      if (!rangeUsable(i, n, usable)) continue;
      const entry = lookupExact(lexicon, tokens.slice(i, i + n).join(' '));
      if (entry === null) continue;
      if (entry.common && !PLACE_INTRODUCERS.has(previousWord(i) ?? '')) continue;
      found.push({ commune: entry.commune, start: i, end: i + n, how: 'exact' });
      for (let k = i; k < i + n; k++) taken.add(k);
      i += n - 1;
      break;
    }
  }
  // Pass 2: prefixes and typos in what is left.
  for (const how of ['prefix', 'typo'] as const) {
    for (let i = 0; i < tokens.length; i++) {
      for (let n = Math.min(3, tokens.length - i); n >= 1; n--) {
        if (!rangeUsable(i, n, usable)) continue;
        const words = tokens.slice(i, i + n);
        if (!words.every((w) => /^[a-z]+$/.test(w))) continue;
        if (FUNCTION_WORDS.has(words[0]!) || FUNCTION_WORDS.has(words[n - 1]!)) continue;
        if (words.some((w) => SMS_WORDS.has(w))) continue;
        const phrase = words.join(' ');
        if (phrase.length < 4) continue;
        const commune =
          how === 'prefix' ? lookupPrefix(lexicon, phrase) : lookupFuzzy(lexicon, phrase);
        if (commune === null) continue;
        found.push({ commune, start: i, end: i + n, how });
        for (let k = i; k < i + n; k++) taken.add(k);
        i += n - 1;
        break;
      }
    }
  }
  found.sort((a, b) => a.start - b.start);

  const places = found.map((p, index) => {
    const prevEnd = index > 0 ? found[index - 1]!.end : 0;
    return { ...p, ...roleOf(tokens, skip, p.start, p.end, prevEnd) };
  });
  const reading = resolveRoles(places);
  return reading.evidence === 'single' ? pairedWithUnknown(tokens, taken, reading) : reading;
}

/**
 * "Souillac Paris": a bare place next to a word that is no commune of the gazetteer and no
 * ordinary word is half of a bare pair, and the other half is outside the territory (null).
 */
function pairedWithUnknown(
  tokens: readonly string[],
  taken: ReadonlySet<number>,
  reading: PlaceReading,
): PlaceReading {
  const place = reading.places[0]!;
  const looksLikeName = (k: number): boolean => {
    const w = tokens[k];
    return (
      w !== undefined &&
      !taken.has(k) &&
      /^[a-z]{4,}$/.test(w) &&
      !SMS_WORDS.has(w) &&
      !FUNCTION_WORDS.has(w)
    );
  };
  if (looksLikeName(place.end))
    return { ...reading, from: place.commune, to: null, evidence: 'order' };
  if (looksLikeName(place.start - 1))
    return { ...reading, from: null, to: place.commune, evidence: 'order' };
  return reading;
}

function rangeUsable(i: number, n: number, usable: (i: number) => boolean): boolean {
  for (let k = i; k < i + n; k++) if (!usable(k)) return false;
  return true;
}

/** What the words around a place say about its role. */
function roleOf(
  tokens: readonly string[],
  skip: ReadonlySet<number>,
  start: number,
  end: number,
  previousPlaceEnd: number,
): { role: PlaceRole | null; strength: number } {
  // Words before the place, ignoring those that said a date or time, and articles.
  const before: string[] = [];
  for (let k = start - 1; k >= previousPlaceEnd && before.length < 6; k--) {
    if (skip.has(k)) continue;
    before.push(tokens[k]!);
  }
  const after = tokens[end];
  if (after === '->') return { role: 'from', strength: 3 };
  const [w1, w2, w3] = before;
  if (w1 === '->' || w1 === 'direction' || w1 === 'jusqu') return { role: 'to', strength: 3 };
  if (w1 === 'depuis') return { role: 'from', strength: 3 };
  if (w1 === 'habite' || (w1 === 'a' && w2 !== undefined && ORIGIN_VERBS.has(w2)))
    return { role: 'from', strength: 3 };
  if (
    (w1 === 'a' || w1 === 'au' || w1 === 'sur') &&
    w2 !== undefined &&
    DESTINATION_VERBS.has(w2)
  ) {
    return { role: 'to', strength: 3 };
  }
  if (w1 === 'de' || w1 === 'd' || w1 === 'du') {
    if (w2 !== undefined && ORIGIN_VERBS.has(w2)) return { role: 'from', strength: 3 };
    if (w2 === 'depart' || (w2 === 'partant' && w3 === 'en')) return { role: 'from', strength: 3 };
    // "à la pharmacie de Lacapelle": the place qualifies where one goes.
    const rest = before.slice(1);
    const towards = rest.findIndex((w) => w === 'a' || w === 'au' || w === 'aux' || w === 'chez');
    if (towards > 0 && !ORIGIN_VERBS.has(rest[0]!) && !DESTINATION_VERBS.has(rest[0]!)) {
      return { role: 'to', strength: 2 };
    }
    return { role: 'from', strength: 1 };
  }
  if (w1 === 'a' || w1 === 'au' || w1 === 'pour' || w1 === 'vers' || w1 === 'sur')
    return { role: 'to', strength: 2 };
  if (before.some((w) => DESTINATION_VERBS.has(w))) return { role: 'to', strength: 1 };
  return { role: null, strength: 0 };
}

function resolveRoles(places: FoundPlace[]): PlaceReading {
  // One mention per commune: the first, unless a later one says its role more surely.
  const distinct: FoundPlace[] = [];
  for (const p of places) {
    const seen = distinct.findIndex((d) => d.commune.insee === p.commune.insee);
    if (seen < 0) distinct.push(p);
    else if (p.strength > distinct[seen]!.strength) distinct[seen] = p;
  }
  const [a, b] = distinct;
  if (a === undefined) return { from: null, to: null, evidence: 'none', places };
  if (b === undefined) {
    if (a.role === 'from') return { from: a.commune, to: null, evidence: 'marker', places };
    return { from: null, to: a.commune, evidence: a.role === null ? 'single' : 'marker', places };
  }
  // Neither says its role, or "pour Cahors Figeac": a pair side by side reads in its order.
  const sideBySide = b.start === a.end && b.role === null && a.strength < 3;
  if ((a.role === null && b.role === null) || sideBySide) {
    return { from: a.commune, to: b.commune, evidence: 'order', places };
  }
  // The surer of the two keeps its role; the other takes the opposite one.
  const [sure, other] = b.strength > a.strength ? [b, a] : [a, b];
  const role: PlaceRole = sure.role ?? (sure === a ? 'from' : 'to');
  return role === 'from'
    ? { from: sure.commune, to: other.commune, evidence: 'marker', places }
    : { from: other.commune, to: sure.commune, evidence: 'marker', places };
}
