// Finds the places an SMS names: communes of the territory, and towns outside it (read as null).
// Exact names first (longest n-gram wins, spaces optional: "la capelle marival"), then unique
// beginnings ("Biars"), then typos ("Figeak"). A name that is also a word ("Vers", "Fons") counts
// only where it stands as a place. Each token is looked at a bounded number of times.
import {
  beginsSomeName,
  lookupExact,
  lookupFuzzy,
  lookupOutsidePrefix,
  lookupPrefix,
  type LexiconEntry,
  type PlaceLexicon,
  type WorkCounter,
} from './place-lexicon';
import {
  FUNCTION_WORDS,
  PLACE_INTRODUCERS,
  resolvePlaces,
  type FoundPlace,
  type PlaceReading,
} from './place-roles';
import { ARTICLES } from '../gazetteer/normalize';
import { SMS_WORDS } from './vocabulary';

export type { FoundPlace, PlaceReading, PlaceRole } from './place-roles';

const BOUNDARIES = new Set([',', '?', '->']);
/** Before a word, these make it a verb ("j'espère", "je cours"), not a place. */
const PRONOUNS = new Set(['j', 'je', 'tu', 'il', 'elle', 'on', 'nous', 'vous', 'ils', 'elles']);
/** "au bourg", "du roc": a contracted article before a name that had one ("Le Bourg"). */
const CONTRACTED = new Set(['au', 'aux', 'du', 'des']);
const OF = new Set(['de', 'd', 'du', 'des']);
/**
 * Typo look-ups cost a bucket of names each: a message names a few places at most, so after
 * this many unsure phrases the reader stops guessing (keeps a 2,000-character SMS linear).
 */
export const MAX_TYPO_LOOKUPS = 48;

type Candidate = { entry: LexiconEntry; start: number; end: number };

export function findPlaces(
  tokens: readonly string[],
  skip: ReadonlySet<number>,
  lexicon: PlaceLexicon,
  work?: WorkCounter,
): PlaceReading {
  const taken = new Set<number>(skip);
  const found: Omit<FoundPlace, 'role' | 'strength'>[] = [];
  const startsAt = new Map<number, Candidate>();
  const usable = (i: number): boolean =>
    i < tokens.length && !taken.has(i) && !BOUNDARIES.has(tokens[i]!);
  const allUsable = (start: number, end: number): boolean => {
    for (let k = start; k < end; k++) if (!usable(k)) return false;
    return true;
  };
  const take = (c: Candidate, how: FoundPlace['how']) => {
    found.push({ commune: c.entry.commune, key: c.entry.key, start: c.start, end: c.end, how });
    startsAt.set(c.start, c);
    for (let k = c.start; k < c.end; k++) taken.add(k);
  };

  // Pass 1: exact names, longest first; names that are also words wait for their neighbours.
  const commons: Candidate[] = [];
  const maxN = lexicon.maxWords + 1;
  for (let i = 0; i < tokens.length; i++) {
    const phrases: string[] = [];
    const compacts: string[] = [];
    for (let k = i; k < tokens.length && k - i < maxN && usable(k); k++) {
      const phrase = k === i ? tokens[k]! : `${phrases[k - i - 1]!} ${tokens[k]!}`;
      const compact = k === i ? tokens[k]! : compacts[k - i - 1]! + tokens[k]!;
      if (work) work.steps++;
      if (!beginsSomeName(lexicon, phrase, compact)) break;
      phrases.push(phrase);
      compacts.push(compact);
    }
    let common: Candidate | null = null;
    for (let n = phrases.length; n >= 1; n--) {
      if (work) work.steps++;
      const entry = lookupExact(lexicon, phrases[n - 1]!, compacts[n - 1]!);
      if (entry === null) continue;
      const candidate = { entry, start: i, end: i + n };
      if (entry.common) {
        common ??= candidate;
        continue;
      }
      take(candidate, 'exact');
      i += n - 1;
      common = null;
      break;
    }
    if (common !== null) commons.push(common);
  }
  // Pass 2: unique beginnings, then typos, then beginnings of towns outside, in what is left.
  let typoLookups = 0;
  for (const how of ['prefix', 'typo', 'outside'] as const) {
    for (let i = 0; i < tokens.length; i++) {
      for (let n = Math.min(3, tokens.length - i); n >= 1; n--) {
        if (!allUsable(i, i + n)) continue;
        const words = tokens.slice(i, i + n);
        if (!words.every((w) => /^[a-z]+$/.test(w))) continue;
        // An article may begin a glued name with a typo ("la roque toirac"), not a guess by prefix.
        const glued = how === 'typo' && n > 1 && ARTICLES.has(words[0]!);
        if ((FUNCTION_WORDS.has(words[0]!) && !glued) || FUNCTION_WORDS.has(words[n - 1]!))
          continue;
        if (words.some((w, k) => SMS_WORDS.has(w) && !(glued && k === 0))) continue;
        const phrase = words.join(' ');
        if (phrase.length < 4) continue;
        if (work) work.steps++;
        if (how === 'typo' && typoLookups++ >= MAX_TYPO_LOOKUPS) continue;
        const entry =
          how === 'prefix'
            ? lookupPrefix(lexicon, phrase)
            : how === 'typo'
              ? lookupFuzzy(lexicon, phrase, work)
              : lookupOutsidePrefix(lexicon, phrase);
        if (entry === null) continue;
        take({ entry, start: i, end: i + n }, how === 'outside' ? 'prefix' : how);
        i += n - 1;
        break;
      }
    }
  }
  // Names that are also words are decided last, when every other place is known.
  const hasOtherPlace = found.length > 0;
  const placeAt = (k: number): boolean =>
    startsAt.has(k) || (startsAt.has(k + 1) && tokens[k] === '->');
  for (const c of commons) {
    if (!allUsable(c.start, c.end)) continue;
    if (standsAsPlace(tokens, skip, c, taken, placeAt, hasOtherPlace)) take(c, 'exact');
  }

  found.sort((a, b) => a.start - b.start);
  return resolvePlaces(tokens, skip, taken, found);
}

/**
 * A name that is also a word is a place after de/à/depuis…, beside another place ("Fons
 * Figeac", "Vers vers Cahors"), or after au/du when its name has the article and another place
 * is named ("du Bourg à Gramat"; "je vais au bourg" is the village centre). Never after a
 * pronoun ("j'espère"), and "vers" before a place is the preposition.
 */
function standsAsPlace(
  tokens: readonly string[],
  skip: ReadonlySet<number>,
  c: Candidate,
  taken: ReadonlySet<number>,
  placeAt: (k: number) => boolean,
  hasOtherPlace: boolean,
): boolean {
  let p = c.start - 1;
  while (p >= 0 && skip.has(p)) p--;
  const prev = p >= 0 ? tokens[p]! : undefined;
  const next = tokens[c.end];
  if (prev !== undefined && PRONOUNS.has(prev)) return false;
  if (PLACE_INTRODUCERS.has(c.entry.key) && placeAt(c.end)) return false;
  if (prev !== undefined && PLACE_INTRODUCERS.has(prev) && !taken.has(p)) return true;
  if (prev !== undefined && CONTRACTED.has(prev) && c.entry.hadArticle) {
    return hasOtherPlace && (next === undefined || !OF.has(next));
  }
  // Beside another place, or before a preposition that introduces one ("Fons pour Figeac").
  if (p >= 0 && taken.has(p) && !skip.has(p)) return true;
  if (placeAt(c.end)) return true;
  return next !== undefined && PLACE_INTRODUCERS.has(next) && placeAt(c.end + 1);
}
