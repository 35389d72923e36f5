// The names the SMS reader looks places up by: every commune's current name and former names,
// normalised like the gazetteer does, with and without a leading article ("les arques", "arques").
import type { Commune, CommuneMatch, GazetteerData } from '../gazetteer/types';
import { isCommonWordName } from '../gazetteer/common-words';
import { boundedEditDistance, typoBudget } from '../gazetteer/edit-distance';
import { normalizeName, stripArticle } from '../gazetteer/normalize';
import { SMS_WORDS } from './vocabulary';

export interface LexiconEntry {
  readonly commune: Commune;
  /** The normalised name or alias. */
  readonly key: string;
  /** The key is also an ordinary word ("vers", "le bourg"): only a place after de/à/depuis… */
  readonly common: boolean;
}

/** A ranked search (the gazetteer's `searchCommunes`), used as a second opinion for typos. */
export type CommuneSearch = (query: string, limit: number) => readonly CommuneMatch[];

export interface PlaceLexicon {
  readonly byKey: ReadonlyMap<string, readonly LexiconEntry[]>;
  /** Keys grouped by word count, for prefix and typo look-ups. */
  readonly keysByWords: ReadonlyMap<number, readonly string[]>;
  readonly maxWords: number;
  readonly search?: CommuneSearch;
  /** Minimum score of a `search` answer to be believed (1 = exact). */
  readonly searchThreshold: number;
}

export interface LexiconOptions {
  readonly search?: CommuneSearch;
  readonly searchThreshold?: number;
}

export function buildPlaceLexicon(data: GazetteerData, options: LexiconOptions = {}): PlaceLexicon {
  const byKey = new Map<string, LexiconEntry[]>();
  const add = (commune: Commune, key: string): void => {
    if (key === '') return;
    const list = byKey.get(key) ?? [];
    if (list.some((e) => e.commune.insee === commune.insee)) return;
    const bare = stripArticle(key);
    const common =
      isCommonWordName(key) ||
      SMS_WORDS.has(bare) ||
      (commune.commonWord && key.split(' ').length === 1);
    list.push({ commune, key, common });
    // The most populated commune first: "Saint-Cirgues" in the Lot before one elsewhere.
    list.sort((a, b) => b.commune.population - a.commune.population);
    byKey.set(key, list);
  };
  for (const commune of data.communes) {
    for (const name of [commune.name, ...commune.aliases]) {
      const key = normalizeName(name);
      add(commune, key);
      add(commune, stripArticle(key));
    }
  }
  const keysByWords = new Map<number, string[]>();
  let maxWords = 1;
  for (const key of byKey.keys()) {
    const words = key.split(' ').length;
    maxWords = Math.max(maxWords, words);
    const list = keysByWords.get(words) ?? [];
    list.push(key);
    keysByWords.set(words, list);
  }
  return {
    byKey,
    keysByWords,
    maxWords,
    search: options.search,
    searchThreshold: options.searchThreshold ?? 0.85,
  };
}

/** Exact look-up of a normalised phrase. */
export function lookupExact(lexicon: PlaceLexicon, phrase: string): LexiconEntry | null {
  return lexicon.byKey.get(phrase)?.[0] ?? null;
}

/**
 * The only commune whose name starts with these words ("biars" → Biars-sur-Cère, "montcuq" →
 * Montcuq-en-Quercy-Blanc). Null when none or several do ("lacapelle").
 */
export function lookupPrefix(lexicon: PlaceLexicon, phrase: string): Commune | null {
  const words = phrase.split(' ').length;
  let found: Commune | null = null;
  for (const [count, keys] of lexicon.keysByWords) {
    if (count <= words) continue;
    for (const key of keys) {
      if (!key.startsWith(phrase + ' ')) continue;
      for (const entry of lexicon.byKey.get(key) ?? []) {
        if (found !== null && found.insee !== entry.commune.insee) return null;
        found = entry.commune;
      }
    }
  }
  return found;
}

/**
 * A name within the typo budget of the phrase ("figeak" → Figeac), same number of words and same
 * first letter; the closest wins, then the most populated. Falls back to the gazetteer's search.
 */
export function lookupFuzzy(lexicon: PlaceLexicon, phrase: string): Commune | null {
  const words = phrase.split(' ').length;
  const budget = typoBudget(phrase.replace(/ /g, '').length);
  let best: { commune: Commune; distance: number } | null = null;
  if (budget > 0) {
    for (const key of lexicon.keysByWords.get(words) ?? []) {
      if (key[0] !== phrase[0]) continue;
      const distance = boundedEditDistance(phrase, key, budget);
      if (distance > budget) continue;
      const commune = lexicon.byKey.get(key)?.[0]?.commune;
      if (commune === undefined) continue;
      if (
        best === null ||
        distance < best.distance ||
        (distance === best.distance && commune.population > best.commune.population)
      ) {
        best = { commune, distance };
      }
    }
  }
  if (best !== null) return best.commune;
  if (lexicon.search !== undefined) {
    const top = lexicon.search(phrase, 1)[0];
    if (top !== undefined && top.score >= lexicon.searchThreshold) return top.commune;
  }
  return null;
}
