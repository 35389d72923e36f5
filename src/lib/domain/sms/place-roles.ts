// Who is the origin and who the destination, from the words around each place found: "depuis X",
// "X ->", "je suis à X" say the origin; "-> X", "aller à X", "pour X" the destination; a bare pair
// reads in its order. A place outside the territory keeps its role and reads as null.
import type { Commune } from '../gazetteer/types';
import { SMS_WORDS } from './vocabulary';

export type PlaceRole = 'from' | 'to';

export interface FoundPlace {
  /** Null for a town outside the territory. */
  readonly commune: Commune | null;
  /** The name as the lexicon knows it. */
  readonly key: string;
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

/** Words after which a name that is also a word is a place ("de Vers", "à Fons"). */
export const PLACE_INTRODUCERS: ReadonlySet<string> = new Set([
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
/** Words that cannot start or end a place found by prefix or typo. */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(
  'de d du des a au aux le la les l en sur et pour vers depuis par chez un une ce cet cette'.split(
    ' ',
  ),
);
const ORIGIN_VERBS = new Set(
  `habite habitons habitent suis sommes vis reside reste trouve pars part partir partant depart
  viens venir revenir reviens sors`.split(/\s+/),
);
const DESTINATION_VERBS = new Set(
  `aller vais va allons rendre emmener amener conduire descendre monter jusqu rentrer retourner
  deposer arriver`.split(/\s+/),
);

type Unroled = Omit<FoundPlace, 'role' | 'strength'>;

export function resolvePlaces(
  tokens: readonly string[],
  skip: ReadonlySet<number>,
  taken: ReadonlySet<number>,
  found: readonly Unroled[],
): PlaceReading {
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

/** What the words around a place say about its role. */
function roleOf(
  tokens: readonly string[],
  skip: ReadonlySet<number>,
  start: number,
  end: number,
  previousPlaceEnd: number,
): { role: PlaceRole | null; strength: number } {
  // Words before the place, ignoring those that said a date or time.
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
  const at = w1 === 'a' || w1 === 'au' || w1 === 'aux';
  if (w1 === 'habite' || (at && w2 !== undefined && ORIGIN_VERBS.has(w2)))
    return { role: 'from', strength: 3 };
  if (
    (w1 === 'a' || w1 === 'au' || w1 === 'aux' || w1 === 'sur') &&
    w2 !== undefined &&
    DESTINATION_VERBS.has(w2)
  ) {
    return { role: 'to', strength: 3 };
  }
  if (w1 === 'de' || w1 === 'd' || w1 === 'du' || w1 === 'des') {
    if (w2 !== undefined && ORIGIN_VERBS.has(w2)) return { role: 'from', strength: 3 };
    if (w2 === 'depart' || (w2 === 'partant' && w3 === 'en')) return { role: 'from', strength: 3 };
    if (w2 === 'direction') return { role: 'to', strength: 3 };
    // "à la pharmacie de Lacapelle": the place qualifies where one goes.
    const rest = before.slice(1);
    const towards = rest.findIndex((w) => w === 'a' || w === 'au' || w === 'aux' || w === 'chez');
    if (towards > 0 && !ORIGIN_VERBS.has(rest[0]!) && !DESTINATION_VERBS.has(rest[0]!)) {
      return { role: 'to', strength: 2 };
    }
    return { role: 'from', strength: 1 };
  }
  if (['a', 'au', 'aux', 'pour', 'vers', 'sur'].includes(w1 ?? ''))
    return { role: 'to', strength: 2 };
  if (before.some((w) => DESTINATION_VERBS.has(w))) return { role: 'to', strength: 1 };
  return { role: null, strength: 0 };
}

const idOf = (p: FoundPlace): string => p.commune?.insee ?? `outside ${p.key}`;

function resolveRoles(places: FoundPlace[]): PlaceReading {
  // One mention per place: the first, unless a later one says its role more surely.
  const distinct: FoundPlace[] = [];
  const indexOf = new Map<string, number>();
  for (const p of places) {
    const seen = indexOf.get(idOf(p));
    if (seen === undefined) indexOf.set(idOf(p), distinct.push(p) - 1);
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
