// The request board's index: built once when the documents change, then each keystroke looks up
// a few postings (words by prefix, state and date buckets) instead of scanning every request.
import { normalizeName } from '$lib/domain/gazetteer/normalize';
import type { RequestStatusKind } from '$lib/domain/request-status';

export interface BoardRow {
  readonly id: string;
  readonly status: RequestStatusKind;
  readonly date: string;
  readonly earliest: string;
  readonly latest: string;
  readonly fromInsee: string;
  readonly toInsee: string;
  /** Who recorded the request (a relay's user name, a coordinator's, or the worker). */
  readonly relay: string;
  /** Passenger's name, communes, phone: what the search box finds. */
  readonly words: string;
}

export interface BoardFilter {
  readonly status?: RequestStatusKind | '';
  readonly date?: string;
  /** "fromInsee-toInsee" */
  readonly line?: string;
  readonly relay?: string;
  readonly text?: string;
}

export interface BoardPage {
  readonly rows: readonly BoardRow[];
  readonly total: number;
}

const lineOf = (row: BoardRow) => `${row.fromInsee}-${row.toInsee}`;

/** Soonest first: the board is for what is coming. */
const byDate = (a: BoardRow, b: BoardRow) =>
  a.date.localeCompare(b.date) || a.earliest.localeCompare(b.earliest) || a.id.localeCompare(b.id);

export class BoardIndex {
  private readonly rows: readonly BoardRow[];
  private readonly tokens: readonly string[];
  private readonly postings = new Map<string, number[]>();
  private readonly buckets = new Map<string, number[]>();

  constructor(rows: readonly BoardRow[]) {
    this.rows = [...rows].sort(byDate);
    this.rows.forEach((row, i) => {
      for (const word of new Set(normalizeName(row.words).split(' ').filter(Boolean)))
        push(this.postings, word, i);
      for (const key of [`s:${row.status}`, `d:${row.date}`, `l:${lineOf(row)}`, `r:${row.relay}`])
        push(this.buckets, key, i);
    });
    this.tokens = [...this.postings.keys()].sort();
  }

  get size(): number {
    return this.rows.length;
  }

  /** The relays and lines present, for the filters' choices. */
  values(prefix: 'r' | 'l'): string[] {
    return [...this.buckets.keys()]
      .filter((k) => k.startsWith(`${prefix}:`))
      .map((k) => k.slice(2))
      .sort();
  }

  /** Rows whose every typed word starts a word of theirs, through the sorted words. */
  private byWords(text: string): Set<number> | null {
    const words = normalizeName(text).split(' ').filter(Boolean);
    if (words.length === 0) return null;
    let found: Set<number> | null = null;
    for (const word of words) {
      const hits = new Set<number>();
      for (
        let t = lowerBound(this.tokens, word);
        t < this.tokens.length && this.tokens[t]!.startsWith(word);
        t++
      )
        for (const i of this.postings.get(this.tokens[t]!) ?? []) hits.add(i);
      const before: Set<number> | null = found;
      found = before === null ? hits : new Set([...before].filter((i: number) => hits.has(i)));
      if (found.size === 0) break;
    }
    return found;
  }

  query(filter: BoardFilter, page = 0, pageSize = 50): BoardPage {
    const sets: (readonly number[] | Set<number>)[] = [];
    const words = this.byWords(filter.text ?? '');
    if (words) sets.push(words);
    const keyed: [string, string | undefined][] = [
      ['s', filter.status || undefined],
      ['d', filter.date || undefined],
      ['l', filter.line || undefined],
      ['r', filter.relay || undefined],
    ];
    for (const [prefix, value] of keyed)
      if (value !== undefined) sets.push(this.buckets.get(`${prefix}:${value}`) ?? []);
    let ids: number[];
    if (sets.length === 0) ids = this.rows.map((_, i) => i);
    else {
      // Start from the smallest set and keep what the others hold.
      const sorted = sets
        .map((s) => (s instanceof Set ? s : new Set(s)))
        .sort((a, b) => a.size - b.size);
      ids = [...sorted[0]!].filter((i) => sorted.every((s) => s.has(i))).sort((a, b) => a - b);
    }
    return {
      rows: ids.slice(page * pageSize, (page + 1) * pageSize).map((i) => this.rows[i]!),
      total: ids.length,
    };
  }
}

function push(map: Map<string, number[]>, key: string, i: number) {
  const list = map.get(key);
  if (list) list.push(i);
  else map.set(key, [i]);
}

function lowerBound(sorted: readonly string[], word: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
