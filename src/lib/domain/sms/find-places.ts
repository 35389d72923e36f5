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
  type TypoAllowance,
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
 * Typo look-ups compare a phrase with the names of about its length: a message names a few
 * places at most, so after this much work (buckets, names, distances) the reader stops guessing
 * typos, and an SMS of 2,000 characters stays linear whatever the gazetteer's size.
 */
export const TYPO_WORK_ALLOWANCE = 4_000;

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

  const allowance: TypoAllowance = { left: TYPO_WORK_ALLOWANCE, seen: new Map() };
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
      // "anglars onzac": a longer name this one begins, with a typo in what follows, wins.
      const longer = longerWithTypo(tokens, candidate, phrases, usable, lexicon, allowance, work);
      take(longer ?? candidate, longer ? 'typo' : 'exact');
      i = (longer ?? candidate).end - 1;
      common = null;
      break;
    }
    if (common !== null) commons.push(common);
    // "blemont bretenoux", "senaillac lauzes": a long name with a typo before a name it contains.
    if (!taken.has(i)) {
      const typo = multiWordTypo(tokens, i, lexicon, allowance, work);
      if (typo !== null) {
        take(typo, 'typo');
        i = typo.end - 1;
      }
    }
  }
  // Pass 2: unique beginnings, then typos, then beginnings of towns outside, in what is left.
  const isWord = tokens.map((t) => /^[a-z]+$/.test(t));
  // Ordinary and function words may sit inside a name ("marcilhac sur cele"), not at its ends.
  const edgeless = (t: string) => FUNCTION_WORDS.has(t) || SMS_WORDS.has(t);
  for (const how of ['prefix', 'typo', 'outside'] as const) {
    for (let i = 0; i < tokens.length; i++) {
      if (how === 'typo' && allowance.left <= 0) break;
      const first = tokens[i]!;
      if (!usable(i) || !isWord[i]) continue;
      // An article may begin a glued name with a typo ("la roque toirac"), not a guess by prefix.
      const glued = how === 'typo' && ARTICLES.has(first);
      if (!glued && (edgeless(first) || first.length < 3)) continue;
      // Typos may fall in any word of a long name ("siant jean de laur").
      const longest = how === 'typo' ? lexicon.maxWords : 3;
      const phrases = [first];
      for (let k = i + 1; k - i < longest && usable(k) && isWord[k]; k++)
        phrases.push(`${phrases[k - i - 1]!} ${tokens[k]!}`);
      for (let n = phrases.length; n >= (glued ? 2 : 1); n--) {
        const phrase = phrases[n - 1]!;
        if (edgeless(tokens[i + n - 1]!)) continue;
        if (phrase.length < 4) continue;
        if (work) work.steps++;
        const entry =
          how === 'prefix'
            ? lookupPrefix(lexicon, phrase)
            : how === 'typo'
              ? lookupFuzzy(lexicon, phrase, allowance, work)
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

/** A name of several words, with a typo, starting at i; its last word may be ordinary ("gare"). */
function multiWordTypo(
  tokens: readonly string[],
  i: number,
  lexicon: PlaceLexicon,
  allowance: TypoAllowance,
  work?: WorkCounter,
): Candidate | null {
  const first = tokens[i]!;
  if (!/^[a-z]{3,}$/.test(first) || FUNCTION_WORDS.has(first)) return null;
  // An ordinary first word only begins a name of three words or more ("tour de fuare").
  const shortest = SMS_WORDS.has(first) ? 2 : 1;
  let phrase = first;
  const candidates: string[] = [];
  let containsName = false;
  for (let k = i + 1; k < tokens.length && k - i < lexicon.maxWords; k++) {
    if (!/^[a-z]+$/.test(tokens[k]!)) break;
    phrase += ` ${tokens[k]!}`;
    candidates.push(phrase);
    containsName ||= lexicon.byKey.has(tokens[k]!);
  }
  // Only worth it when a later word would be read as a name of its own.
  if (!containsName) return null;
  for (let n = candidates.length; n >= shortest; n--) {
    const entry = lookupFuzzy(lexicon, candidates[n - 1]!, allowance, work);
    if (entry?.commune && entry.key.includes(' ')) return { entry, start: i, end: i + n + 1 };
  }
  return null;
}

/** The name that starts with an exact one and goes on over the next words with a typo. */
function longerWithTypo(
  tokens: readonly string[],
  exact: Candidate,
  phrases: readonly string[],
  usable: (i: number) => boolean,
  lexicon: PlaceLexicon,
  allowance: TypoAllowance,
  work?: WorkCounter,
): Candidate | null {
  const said = phrases[exact.end - exact.start - 1]!;
  // Also after a town outside: "belfort du qercy" is Belfort-du-Quercy, not Belfort.
  if (!lexicon.byPrefix.has(said)) return null;
  let phrase = said;
  for (let end = exact.end; end < tokens.length && end - exact.start < lexicon.maxWords; end++) {
    if (!usable(end) || !/^[a-z]+$/.test(tokens[end]!)) return null;
    phrase += ` ${tokens[end]!}`;
    const entry = lookupFuzzy(lexicon, phrase, allowance, work);
    if (entry?.commune && entry.key.startsWith(`${said} `))
      return { entry, start: exact.start, end: end + 1 };
  }
  return null;
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
