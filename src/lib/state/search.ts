// Client-side search of the lists: every word typed must appear in the person's name, commune or
// phone (accents, case and "St" ignored; phone digits compared without spaces or +33).
import { normalizeName } from '$lib/domain/gazetteer/normalize';

/** "06 12 34 56 78", "+33612345678" → "612345678": the national digits, without the leading 0. */
export function phoneDigits(text: string): string {
  const digits = text.replace(/\D/g, '');
  if (digits.startsWith('33') && digits.length === 11) return digits.slice(2);
  return digits.replace(/^0/, '');
}

export function matchesQuery(
  query: string,
  texts: readonly (string | null | undefined)[],
  phone?: string | null,
): boolean {
  if (/^[\d\s.+-]+$/.test(query.trim()) && /\d{2}/.test(query.replace(/\D/g, ''))) {
    return phone ? phoneDigits(phone).includes(phoneDigits(query)) : false;
  }
  const words = normalizeName(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalizeName(texts.filter(Boolean).join(' '));
  return words.every((word) => haystack.includes(word));
}

/** "Marie Dupont" or "Marie" alone. */
export function fullName(person: { firstName: string; lastName?: string | undefined }): string {
  return person.lastName ? `${person.firstName} ${person.lastName}` : person.firstName;
}
