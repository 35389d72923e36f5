// How many SMS a text costs. GSM 03.38: 160 characters of the basic alphabet per SMS (153 per
// part once split), extension characters (€, ^, {, }, [, ], ~, |, \) count two; one character
// outside both turns the whole message into UCS-2: 70 per SMS (67 per part).

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SegmentCount {
  readonly encoding: SmsEncoding;
  /** Septets (GSM 7-bit) or UTF-16 code units (UCS-2). */
  readonly units: number;
  readonly segments: number;
}

export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return false;
  return true;
}

export function countSegments(text: string): SegmentCount {
  if (isGsm7(text)) {
    let units = 0;
    for (const ch of text) units += EXTENSION.has(ch) ? 2 : 1;
    return { encoding: 'gsm7', units, segments: units <= 160 ? 1 : Math.ceil(units / 153) };
  }
  const units = text.length;
  return { encoding: 'ucs2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

const REPLACEMENTS: Readonly<Record<string, string>> = {
  â: 'a',
  ê: 'e',
  î: 'i',
  ô: 'o',
  û: 'u',
  ë: 'e',
  ï: 'i',
  ÿ: 'y',
  ç: 'c',
  á: 'a',
  í: 'i',
  ó: 'o',
  ú: 'u',
  ã: 'a',
  õ: 'o',
  Â: 'A',
  Ê: 'E',
  Î: 'I',
  Ô: 'O',
  Û: 'U',
  Ë: 'E',
  Ï: 'I',
  À: 'A',
  È: 'E',
  Ù: 'U',
  Ì: 'I',
  Ò: 'O',
  œ: 'oe',
  Œ: 'OE',
  '’': "'",
  '‘': "'",
  '«': '"',
  '»': '"',
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
};

/**
 * Text from documents (names of communes and people, meeting places) made GSM 7-bit: accents
 * outside the alphabet lose their accent ("Cœur de Causse" → "Coeur de Causse"), anything else
 * unknown becomes "?". A single stray character would otherwise halve the SMS size.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const ch of text) {
    if (BASIC.has(ch) && ch !== '\r' && ch !== '\n') out += ch;
    else if (ch === '\n' || ch === '\r') out += ' ';
    else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else if (ch === '€') out += 'EUR';
    else {
      const bare = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      out += bare !== ch && [...bare].every((c) => BASIC.has(c)) ? bare : '?';
    }
  }
  return out;
}
