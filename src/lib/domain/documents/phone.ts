import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneKind = 'mobile' | 'landline' | 'none';

export interface NormalizedPhone {
  /** E.164 ("+33612345678"), or null when there is no number or it is invalid. */
  readonly phone: string | null;
  readonly phoneKind: PhoneKind;
  /** French message for the person typing, when the number cannot be used. */
  readonly error?: string;
}

/**
 * ARCEP reserves 06 39 98 xx xx for fiction (films, books, demos). libphonenumber calls it
 * invalid because no operator holds it; we accept it as a mobile so that demo data and tests
 * can never text a real person. The fixed fiction ranges (01 99 00, 02 61 91, 03 53 01,
 * 04 65 71, 05 36 49) are already valid fixed lines for libphonenumber.
 */
const FICTION_MOBILE = /^\+3363998\d{4}$/;

/** Numbers that reach a service, not a person: refused for a person's phone. */
const NOT_A_PERSON = new Set([
  'PREMIUM_RATE',
  'SHARED_COST',
  'TOLL_FREE',
  'UAN',
  'VOICEMAIL',
  'PAGER',
]);

/**
 * Normalises what someone typed into E.164 and says whether an SMS can reach it.
 * Only a number that libphonenumber's full metadata knows to be MOBILE is 'mobile': an SMS to a
 * fixed line, a VoIP number (09) or a FIXED_LINE_OR_MOBILE number may never arrive, so those are
 * 'landline' and the person is called back instead of texted.
 */
export function normalizePhone(
  raw: string | null | undefined,
  defaultCountry: CountryCode = 'FR',
): NormalizedPhone {
  const text = (raw ?? '').trim();
  if (text === '') return { phone: null, phoneKind: 'none' };
  if (/[a-zA-Z]/.test(text.replace(/^(tel|tél)\s*:?/i, ''))) {
    return { phone: null, phoneKind: 'none', error: 'Le numéro ne doit contenir que des chiffres' };
  }
  const parsed = parsePhoneNumberFromString(text, defaultCountry);
  if (parsed && FICTION_MOBILE.test(parsed.number))
    return { phone: parsed.number, phoneKind: 'mobile' };
  if (!parsed || !parsed.isPossible()) {
    return {
      phone: null,
      phoneKind: 'none',
      error: 'Numéro incomplet ou trop long : 10 chiffres, par exemple 06 12 34 56 78',
    };
  }
  if (!parsed.isValid()) {
    return { phone: null, phoneKind: 'none', error: "Ce numéro n'existe pas : vérifiez-le" };
  }
  const type = parsed.getType();
  if (type !== undefined && NOT_A_PERSON.has(type)) {
    return {
      phone: null,
      phoneKind: 'none',
      error: "Ce numéro est celui d'un service, pas d'une personne",
    };
  }
  return { phone: parsed.number, phoneKind: type === 'MOBILE' ? 'mobile' : 'landline' };
}
