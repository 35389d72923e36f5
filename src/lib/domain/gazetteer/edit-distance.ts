// Damerau–Levenshtein distance (optimal string alignment) with a bound: the search only cares
// whether two words are within 1 or 2 edits, so it stops as soon as that cannot happen.

// Rows reused across calls: a search computes hundreds of distances and must stay under 1 ms.
let rows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)] as const;

/** The distance between a and b if it is ≤ max, otherwise max + 1. */
export function boundedEditDistance(a: string, b: string, max: number): number {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  if (la === 0 || lb === 0) return Math.max(la, lb);
  if (rows[0].length <= lb + 1) {
    const size = lb * 2 + 2;
    rows = [new Int32Array(size), new Int32Array(size), new Int32Array(size)];
  }
  // Only the diagonal band |i - j| ≤ max can stay within max: cells outside it count as max + 1,
  // so a long phrase costs its length times (2·max + 1), not the product of both lengths.
  const far = max + 1;
  // Three rolling rows: two rows back (for transpositions), previous, current.
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= lb; j++) prev[j] = j <= max ? j : far;
  for (let i = 1; i <= la; i++) {
    const lo = i - max > 1 ? i - max : 1;
    const hi = i + max < lb ? i + max : lb;
    cur[lo - 1] = lo === 1 && i <= max ? i : far;
    if (hi < lb) cur[hi + 1] = far;
    let rowMin = cur[lo - 1]!;
    const ca = a.charCodeAt(i - 1);
    const caBefore = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = lo; j <= hi; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = prev[j - 1]! + (ca === cb ? 0 : 1);
      const del = prev[j]! + 1;
      if (del < d) d = del;
      const ins = cur[j - 1]! + 1;
      if (ins < d) d = ins;
      if (j > 1 && ca === b.charCodeAt(j - 2) && caBefore === cb) {
        const tr = prev2[j - 2]! + 1;
        if (tr < d) d = tr;
      }
      if (d > far) d = far;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return far;
    const spare = prev2;
    prev2 = prev;
    prev = cur;
    cur = spare;
  }
  const result = prev[lb]!;
  return result > max ? far : result;
}

/** How many typos a word of this length may carry and still be recognised. */
export function typoBudget(length: number): number {
  if (length < 4) return 0;
  return length < 8 ? 1 : 2;
}

/** The set of characters of s as bits (a–z, then digits folded onto 6 more bits). */
export function letterMask(s: string): number {
  let mask = 0;
  for (let i = 0; i < s.length; i++) mask |= charBit(s.charCodeAt(i));
  return mask;
}

/** The bit of one character code in a letter mask (0 for spaces and anything else). */
export function charBit(c: number): number {
  if (c >= 97 && c <= 122) return 1 << (c - 97);
  if (c >= 48 && c <= 57) return 1 << (26 + ((c - 48) % 6));
  return 0;
}

/**
 * A lower bound of the edit distance from the two strings' letter masks: one edit adds or
 * removes at most two letters from the set. Lets the search skip most distance computations.
 */
export function maskDistanceBound(a: number, b: number): number {
  let x = a ^ b;
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  const bits = (Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
  return (bits + 1) >> 1;
}
