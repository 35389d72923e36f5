// Finds a commune from what people type: any case, no accents, St/Ste, hyphens or spaces, small
// typos, former names, prefixes, postcodes. Pure and synchronous so the PWA runs it offline.
import {
  boundedEditDistance,
  charBit,
  letterMask,
  maskDistanceBound,
  typoBudget,
} from './edit-distance';
import { normalizeName, stripArticle } from './normalize';
import type { Commune, CommuneMatch, GazetteerData } from './types';

export { normalizeName } from './normalize';

/** One searchable spelling of a commune: its name, a former name, or either without its article. */
export interface IndexedName {
  readonly commune: Commune;
  /** The text shown as `matched` (official name or alias, with accents). */
  readonly original: string;
  readonly kind: 'name' | 'alias' | 'article-less';
  /** A former name (alias), or one without its article: partial matches on it rank a bit lower. */
  readonly former: boolean;
  /** normalizeName(original), or that without its leading article. */
  readonly normalized: string;
  /** `normalized` without spaces: "lacapelle marival" → "lacapellemarival". */
  readonly compact: string;
  readonly tokens: readonly string[];
  /** Letter sets (see letterMask) of `compact`, of each prefix of `compact`, and of each token. */
  readonly letters: number;
  readonly prefixLetters: readonly number[];
  readonly tokenLetters: readonly number[];
}

export interface GazetteerIndex {
  readonly communes: readonly Commune[];
  readonly names: readonly IndexedName[];
  /** normalizeName(name or alias) → commune; an official name wins over an alias. */
  readonly exact: ReadonlyMap<string, Commune>;
  readonly byInsee: ReadonlyMap<string, Commune>;
  readonly byPostcode: ReadonlyMap<string, readonly Commune[]>;
  /** The most words any name or alias has, for callers that try word n-grams. */
  readonly maxNameTokens: number;
}

// Scores: exact spellings first, then prefixes and whole words, then typos.
const SCORE = {
  name: 1,
  alias: 0.99,
  articleLess: 0.98,
  insee: 0.96,
  compact: 0.95,
  wordPrefix: 0.9,
  prefix: 0.85,
  compactPrefix: 0.84,
  innerWord: 0.8,
  innerPrefix: 0.75,
  postcodePrefix: 0.7,
  typo1: 0.65,
  typo2: 0.6,
  typoPrefix: 0.55,
  typoWord: 0.5,
} as const;
const FORMER_PENALTY = 0.02;

export function buildGazetteerIndex(data: GazetteerData): GazetteerIndex {
  const names: IndexedName[] = [];
  const exact = new Map<string, Commune>();
  const exactKind = new Map<string, 'name' | 'alias'>();
  const byInsee = new Map<string, Commune>();
  const byPostcode = new Map<string, Commune[]>();
  let maxNameTokens = 1;
  const seen = new Set<string>();

  const add = (
    commune: Commune,
    original: string,
    kind: IndexedName['kind'],
    normalized: string,
    former: boolean,
  ) => {
    if (normalized === '') return;
    const key = commune.insee + ' ' + normalized;
    if (seen.has(key)) return;
    seen.add(key);
    const tokens = normalized.split(' ');
    maxNameTokens = Math.max(maxNameTokens, tokens.length);
    const compact = tokens.join('');
    const prefixLetters: number[] = [0];
    for (let i = 0; i < compact.length; i++) {
      prefixLetters.push(prefixLetters[i]! | charBit(compact.charCodeAt(i)));
    }
    names.push({
      commune,
      original,
      kind,
      former,
      normalized,
      compact,
      tokens,
      letters: letterMask(compact),
      prefixLetters,
      tokenLetters: tokens.map(letterMask),
    });
  };
  const addExact = (commune: Commune, normalized: string, kind: 'name' | 'alias') => {
    const current = exact.get(normalized);
    const currentKind = exactKind.get(normalized);
    const better =
      !current ||
      (kind === 'name' && currentKind === 'alias') ||
      (kind === currentKind && commune.population > current.population);
    if (better) {
      exact.set(normalized, commune);
      exactKind.set(normalized, kind);
    }
  };

  for (const commune of data.communes) {
    byInsee.set(commune.insee, commune);
    for (const postcode of commune.postcodes) {
      const list = byPostcode.get(postcode) ?? [];
      list.push(commune);
      byPostcode.set(postcode, list);
    }
    const spellings: [string, 'name' | 'alias'][] = [
      [commune.name, 'name'],
      ...commune.aliases.map((a): [string, 'alias'] => [a, 'alias']),
    ];
    for (const [original, kind] of spellings) {
      const normalized = normalizeName(original);
      add(commune, original, kind, normalized, kind === 'alias');
      addExact(commune, normalized, kind);
    }
    for (const [original, kind] of spellings) {
      const normalized = normalizeName(original);
      const bare = stripArticle(normalized);
      if (bare !== normalized) add(commune, original, 'article-less', bare, kind === 'alias');
    }
  }
  for (const list of byPostcode.values()) list.sort(byPopulation);
  return { communes: data.communes, names, exact, byInsee, byPostcode, maxNameTokens };
}

export function communeByInsee(index: GazetteerIndex, insee: string): Commune | undefined {
  return index.byInsee.get(insee);
}

/** The commune whose official name or former name is exactly this normalised phrase. */
export function matchCommuneExact(
  index: GazetteerIndex,
  normalizedPhrase: string,
): Commune | undefined {
  return index.exact.get(normalizedPhrase);
}

/** Communes matching the query, best first (score, then population, then name). */
export function searchCommunes(index: GazetteerIndex, query: string, limit = 8): CommuneMatch[] {
  const q = normalizeName(query);
  if (q === '' || limit <= 0) return [];
  const found = new Map<Commune, CommuneMatch>();
  const offer = (commune: Commune, score: number, matched: string) => {
    const current = found.get(commune);
    if (!current || current.score < score) found.set(commune, { commune, score, matched });
  };

  const digits = q.replace(/ /g, '');
  if (/^[0-9]+$/.test(digits)) {
    searchCodes(index, digits, offer);
  } else {
    searchNames(index, q, offer, found);
  }
  return [...found.values()].sort(compareMatches).slice(0, limit);
}

type Offer = (commune: Commune, score: number, matched: string) => void;

function searchCodes(index: GazetteerIndex, digits: string, offer: Offer): void {
  if (digits.length === 5) {
    for (const commune of index.byPostcode.get(digits) ?? []) offer(commune, SCORE.name, digits);
    const byCode = index.byInsee.get(digits);
    if (byCode) offer(byCode, SCORE.insee, byCode.insee);
    return;
  }
  if (digits.length < 2 || digits.length > 5) return;
  for (const [postcode, communes] of index.byPostcode) {
    if (!postcode.startsWith(digits)) continue;
    for (const commune of communes) offer(commune, SCORE.postcodePrefix, postcode);
  }
}

function searchNames(
  index: GazetteerIndex,
  q: string,
  offer: Offer,
  found: ReadonlyMap<Commune, CommuneMatch>,
): void {
  const compact = q.replace(/ /g, '');
  const budget = typoBudget(compact.length);
  const singleWord = q.indexOf(' ') < 0;
  const wordBudget = singleWord ? typoBudget(q.length) : 0;
  const qLetters = letterMask(compact);
  for (const entry of index.names) {
    const n = entry.normalized;
    const penalty = entry.former ? FORMER_PENALTY : 0;
    const exactScore =
      entry.kind === 'name' ? SCORE.name : entry.kind === 'alias' ? SCORE.alias : SCORE.articleLess;
    if (n === q) {
      offer(entry.commune, exactScore, entry.original);
      continue;
    }
    if (entry.compact === compact) {
      offer(entry.commune, SCORE.compact - penalty, entry.original);
      continue;
    }
    if (n.startsWith(q)) {
      offer(
        entry.commune,
        (n.charCodeAt(q.length) === 32 ? SCORE.wordPrefix : SCORE.prefix) - penalty,
        entry.original,
      );
      continue;
    }
    if (entry.compact.startsWith(compact)) {
      offer(entry.commune, SCORE.compactPrefix - penalty, entry.original);
      continue;
    }
    if (q.length >= 3) {
      const at = n.indexOf(' ' + q);
      if (at >= 0) {
        const end = at + 1 + q.length;
        offer(
          entry.commune,
          (end === n.length || n.charCodeAt(end) === 32 ? SCORE.innerWord : SCORE.innerPrefix) -
            penalty,
          entry.original,
        );
        continue;
      }
    }
    if (budget === 0) continue;
    // Typos: only worth computing when this commune has nothing better yet, and when the letter
    // sets do not already rule them out.
    const best = found.get(entry.commune)?.score ?? 0;
    if (best >= SCORE.typo1) continue;
    if (maskDistanceBound(qLetters, entry.letters) <= budget) {
      const d = boundedEditDistance(compact, entry.compact, budget);
      if (d <= budget) {
        offer(entry.commune, (d <= 1 ? SCORE.typo1 : SCORE.typo2) - penalty, entry.original);
        continue;
      }
    }
    if (best >= SCORE.typoPrefix) continue;
    if (
      compact.length >= 5 &&
      entry.compact.length > compact.length &&
      typoPrefix(compact, qLetters, entry)
    ) {
      offer(entry.commune, SCORE.typoPrefix - penalty, entry.original);
      continue;
    }
    if (wordBudget > 0 && best < SCORE.typoWord && entry.tokens.length > 1) {
      for (let t = 0; t < entry.tokens.length; t++) {
        const token = entry.tokens[t]!;
        if (
          token.length >= 4 &&
          maskDistanceBound(qLetters, entry.tokenLetters[t]!) <= wordBudget &&
          boundedEditDistance(q, token, wordBudget) <= wordBudget
        ) {
          offer(entry.commune, SCORE.typoWord - penalty, entry.original);
          break;
        }
      }
    }
  }
}

/** "lacapele" is one edit away from the start of "lacapellemarival". */
function typoPrefix(q: string, qLetters: number, entry: IndexedName): boolean {
  const longest = Math.min(q.length + 1, entry.compact.length);
  for (let len = q.length - 1; len <= longest; len++) {
    if (maskDistanceBound(qLetters, entry.prefixLetters[len]!) > 1) continue;
    if (boundedEditDistance(q, entry.compact.slice(0, len), 1) <= 1) return true;
  }
  return false;
}

function byPopulation(a: Commune, b: Commune): number {
  return b.population - a.population || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function compareMatches(a: CommuneMatch, b: CommuneMatch): number {
  return b.score - a.score || byPopulation(a.commune, b.commune);
}
