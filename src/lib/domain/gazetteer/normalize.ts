// Normalisation shared by the search index, the generator and the SMS reader: one function, so
// that "St-Céré", "saint cere" and "SAINT-CÉRÉ" all become "saint cere".

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss' };
const ABBREVIATIONS: Record<string, string> = {
  st: 'saint',
  ste: 'sainte',
  sts: 'saints',
  stes: 'saintes',
};
// Looked up in a Map: a word such as "constructor" must not find Object's own properties.
const ABBREVIATION_OF: ReadonlyMap<string, string> = new Map(Object.entries(ABBREVIATIONS));

/** Leading articles a name may carry ("Les Arques", "L'Hospitalet") and people often drop. */
export const ARTICLES: ReadonlySet<string> = new Set(['le', 'la', 'les', 'l']);

/**
 * Lowercase, no diacritics, œ→oe and æ→ae, every non-alphanumeric run → one space,
 * "st"/"ste" → "saint"/"sainte". The result has single spaces and no leading/trailing space.
 */
export function normalizeName(s: string): string {
  const folded = s
    .toLowerCase()
    .replace(/[œæß]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  const tokens = folded.split(/[^a-z0-9]+/);
  let out = '';
  for (const token of tokens) {
    if (token === '') continue;
    const word = ABBREVIATION_OF.get(token) ?? token;
    out = out === '' ? word : out + ' ' + word;
  }
  return out;
}

/** "les arques" → "arques"; a name that is only an article stays as it is. */
export function stripArticle(normalized: string): string {
  const space = normalized.indexOf(' ');
  if (space < 0) return normalized;
  return ARTICLES.has(normalized.slice(0, space)) ? normalized.slice(space + 1) : normalized;
}
