// The names the SMS reader looks places up by: every commune's current and former names, and the
// towns just outside the territory (the gazetteer's `outside`), normalised like the gazetteer,
// with and without a leading article. Every look-up is a map probe or a small bucket of names of
// about the same length, so reading an SMS never scans the whole gazetteer.
import type { Commune, GazetteerData } from '../gazetteer/types';
import { isCommonWordName } from '../gazetteer/common-words';
import {
  boundedEditDistance,
  letterMask,
  maskDistanceBound,
  typoBudget,
} from '../gazetteer/edit-distance';
import { normalizeName, stripArticle } from '../gazetteer/normalize';
import { SMS_WORDS } from './vocabulary';

/** A name the reader knows: a commune of the territory, or a town outside it (commune null). */
export interface LexiconEntry {
  readonly commune: Commune | null;
  /** The normalised name or alias. */
  readonly key: string;
  /** The key is also an ordinary word ("vers", "le bourg"): only a place where it stands as one. */
  readonly common: boolean;
  /** The official name starts with an article ("Le Bourg"): "au bourg" is "à Le Bourg". */
  readonly hadArticle: boolean;
  /** Population for a commune; for a town outside, its rank from the end of the list. */
  readonly weight: number;
}

/** Counts the reader's look-ups, so that tests can check the work grows linearly. */
export interface WorkCounter {
  steps: number;
}

/** A spelling compared with typos: its first entry, the text compared, and its letter set. */
export interface TypoTarget {
  readonly entry: LexiconEntry;
  readonly text: string;
  readonly letters: number;
}

/** How much more work typo searches may do (spent as they go: a bucket, a name, a distance). */
export interface TypoAllowance {
  left: number;
  /**
   * Phrases already looked up in this message, with what they cost: a repeated phrase is
   * answered from here and charged the same, so the reading is the same as without it.
   */
  readonly seen?: Map<string, { readonly entry: LexiconEntry | null; readonly cost: number }>;
}

/** An edit distance costs about this many bucket steps. */
const DISTANCE_COST = 8;

export interface PlaceLexicon {
  readonly byKey: ReadonlyMap<string, readonly LexiconEntry[]>;
  /** Keys without their spaces ("lacapellemarival", "labastidemurat"): "la capelle marival". */
  readonly byCompact: ReadonlyMap<string, readonly LexiconEntry[]>;
  /** Leading words of longer names of the territory → the one entry they begin, or null. */
  readonly byPrefix: ReadonlyMap<string, LexiconEntry | null>;
  /** Leading words of longer names of towns outside the territory. */
  readonly outsidePrefixes: ReadonlySet<string>;
  /**
   * Keys by word count and first letter ("2 s", count 0: without spaces), then by length, for
   * typo look-ups.
   */
  readonly typoBuckets: ReadonlyMap<string, readonly (readonly TypoTarget[] | undefined)[]>;
  /** The first words of every key ("saint", "saint cirq"): a phrase not here begins no name. */
  readonly wordPrefixes: ReadonlySet<string>;
  /** Every beginning of every key without spaces ("l", "la", "lac"…): glued names begin so. */
  readonly compactPrefixes: ReadonlySet<string>;
  /** The most words any key has. */
  readonly maxWords: number;
}

/** Negative when a ranks first: the territory before outside, then the most populated. */
const compareEntries = (a: LexiconEntry, b: LexiconEntry): number =>
  (a.commune === null ? 1 : 0) - (b.commune === null ? 1 : 0) || b.weight - a.weight;

export function buildPlaceLexicon(data: GazetteerData): PlaceLexicon {
  const byKey = new Map<string, LexiconEntry[]>();
  const add = (commune: Commune | null, key: string, hadArticle: boolean, weight: number) => {
    if (key === '') return;
    const list = byKey.get(key) ?? [];
    const id = commune?.insee ?? null;
    if (list.some((e) => (e.commune?.insee ?? null) === id)) return;
    const bare = stripArticle(key);
    const common =
      isCommonWordName(key) ||
      SMS_WORDS.has(bare) ||
      (commune !== null && commune.commonWord && key.split(' ').length === 1);
    list.push({ commune, key, common, hadArticle, weight });
    byKey.set(key, list);
  };
  const addName = (commune: Commune | null, name: string, weight: number) => {
    const key = normalizeName(name);
    const bare = stripArticle(key);
    add(commune, key, false, weight);
    add(commune, bare, bare !== key, weight);
  };
  for (const commune of data.communes) {
    for (const name of [commune.name, ...commune.aliases])
      addName(commune, name, commune.population);
  }
  const outside = data.outside ?? [];
  outside.forEach((name, k) => addName(null, name, outside.length - k));

  const byCompact = new Map<string, LexiconEntry[]>();
  const byPrefix = new Map<string, LexiconEntry | null>();
  const outsidePrefixes = new Set<string>();
  const wordPrefixes = new Set<string>();
  const typoBuckets = new Map<string, TypoTarget[][]>();
  const compactPrefixes = new Set<string>();
  let maxWords = 1;
  for (const [key, list] of byKey) {
    list.sort(compareEntries);
    const words = key.split(' ');
    maxWords = Math.max(maxWords, words.length);
    const compact = words.join('');
    const glued = byCompact.get(compact) ?? [];
    glued.push(...list);
    glued.sort(compareEntries);
    byCompact.set(compact, glued);
    for (const [count, text] of [
      [words.length, key],
      [0, compact],
    ] as const) {
      const byLength = typoBuckets.get(bucketOf(count, text)) ?? [];
      (byLength[text.length] ??= []).push({ entry: list[0]!, text, letters: letterMask(text) });
      typoBuckets.set(bucketOf(count, text), byLength);
    }
    for (let n = 1; n <= compact.length; n++) compactPrefixes.add(compact.slice(0, n));
    for (let n = 1; n <= words.length; n++) wordPrefixes.add(words.slice(0, n).join(' '));
    for (let n = 1; n < words.length; n++) {
      const phrase = words.slice(0, n).join(' ');
      for (const entry of list) {
        if (entry.commune === null) {
          outsidePrefixes.add(phrase);
          continue;
        }
        const seen = byPrefix.get(phrase);
        if (seen === undefined) byPrefix.set(phrase, entry);
        else if (seen !== null && seen.commune?.insee !== entry.commune.insee)
          byPrefix.set(phrase, null);
      }
    }
  }
  return {
    byKey,
    byCompact,
    byPrefix,
    outsidePrefixes,
    typoBuckets,
    wordPrefixes,
    compactPrefixes,
    maxWords,
  };
}

/** True when some name begins with these words, or some glued name with these letters. */
export function beginsSomeName(lexicon: PlaceLexicon, phrase: string, compact: string): boolean {
  return lexicon.wordPrefixes.has(phrase) || lexicon.compactPrefixes.has(compact);
}

const bucketOf = (words: number, key: string): string => `${words} ${key[0]}`;

/** Exact look-up of a normalised phrase, or of the same letters without spaces. */
export function lookupExact(
  lexicon: PlaceLexicon,
  phrase: string,
  compact: string,
): LexiconEntry | null {
  return lexicon.byKey.get(phrase)?.[0] ?? lexicon.byCompact.get(compact)?.[0] ?? null;
}

/**
 * The only commune of the territory whose name starts with these words ("biars" →
 * Biars-sur-Cère); null when none or several do ("lacapelle").
 */
export function lookupPrefix(lexicon: PlaceLexicon, phrase: string): LexiconEntry | null {
  return lexicon.byPrefix.get(phrase) ?? null;
}

/** A beginning of towns outside ("villefranche"): tried after typos of the territory's names. */
export function lookupOutsidePrefix(lexicon: PlaceLexicon, phrase: string): LexiconEntry | null {
  if (lexicon.byPrefix.has(phrase) || !lexicon.outsidePrefixes.has(phrase)) return null;
  return { ...OUTSIDE, key: phrase };
}

const OUTSIDE: LexiconEntry = {
  commune: null,
  key: '',
  common: false,
  hadArticle: false,
  weight: 0,
};

/**
 * A name within the typo budget of the phrase ("figeak" → Figeac), same number of words and same
 * first letter; the closest wins, then the territory, then the most populated.
 */
export function lookupFuzzy(
  lexicon: PlaceLexicon,
  phrase: string,
  allowance: TypoAllowance,
  work?: WorkCounter,
): LexiconEntry | null {
  if (allowance.left <= 0) return null;
  const known = allowance.seen?.get(phrase);
  // With more left than the first look-up cost, none of its checks can run out this time.
  if (known !== undefined && allowance.left > known.cost) {
    allowance.left -= known.cost;
    return known.entry;
  }
  let spaces = 0;
  for (let i = 0; i < phrase.length; i++) if (phrase.charCodeAt(i) === 32) spaces++;
  const budget = typoBudget(phrase.length - spaces);
  if (budget === 0) return null;
  const before = allowance.left;
  const entry =
    closestName(lexicon, phrase, spaces + 1, budget, allowance, work) ??
    // "la roque toirac" for Larroque-Toirac, "anglarsenozac": the letters without the spaces.
    closestName(lexicon, spaces ? phrase.replace(/ /g, '') : phrase, 0, budget, allowance, work);
  // Something left at the end means no check ran out: the answer is the full one.
  if (allowance.left > 0) allowance.seen?.set(phrase, { entry, cost: before - allowance.left });
  return entry;
}

function closestName(
  lexicon: PlaceLexicon,
  phrase: string,
  words: number,
  budget: number,
  allowance: TypoAllowance,
  work?: WorkCounter,
): LexiconEntry | null {
  let best: { entry: LexiconEntry; distance: number } | null = null;
  const letters = letterMask(phrase);
  const byLength = lexicon.typoBuckets.get(bucketOf(words, phrase)) ?? [];
  for (let length = phrase.length - budget; length <= phrase.length + budget; length++) {
    allowance.left--;
    for (const target of byLength[length] ?? []) {
      if (work) work.steps++;
      if (allowance.left-- <= 0) return best?.entry ?? null;
      // One edit changes at most two letters of the set: most names are ruled out here.
      if (maskDistanceBound(letters, target.letters) > budget) continue;
      allowance.left -= DISTANCE_COST;
      const distance = boundedEditDistance(phrase, target.text, budget);
      if (distance > budget) continue;
      const entry = target.entry;
      // Towns outside are many and small: one typo in a long name at most ("messages" is no
      // Moussages, "fais" no Fals).
      if (entry.commune === null && (distance > 1 || phrase.length < 6)) continue;
      if (
        best === null ||
        distance < best.distance ||
        (distance === best.distance && compareEntries(entry, best.entry) < 0)
      ) {
        best = { entry, distance };
      }
    }
  }
  return best?.entry ?? null;
}
