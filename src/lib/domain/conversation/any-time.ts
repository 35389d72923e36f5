// "À quelle heure ?" answered "peu importe": the whole day suits (the territory's day window).
// Read on the tokens, so accents, apostrophes and SMS spellings ("qd vs voulez") do not matter.
import { tokenizeSms } from '../sms/tokenize';

const ANY_TIME =
  /(^| )(peu importe|importe peu|n ?importe (quand|kand|quelle heure|l heure)|toute la journee|a (toute|n importe quelle) heure|quand (vous|tu) (voulez|pouvez|veux|peux)|quand ca vous arrange|comme (vous voulez|ca vous arrange)|(ca )?m est egal|pas d (heure|horaire)( precise| fixe)?|indifferent|pas de preference)( |$)/;

/** The SMS says any time of the day suits. */
export function saysAnyTime(text: string): boolean {
  return ANY_TIME.test(tokenizeSms(text).join(' '));
}
