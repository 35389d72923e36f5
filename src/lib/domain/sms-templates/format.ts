// Instants as the SMS conversation compares them (the formatters are in ../format).
import { localDateOf, localTimeOf } from '../schedule/calendar';

/** "YYYY-MM-DD HH:MM" of an instant in Paris, to compare with a request's date and times. */
export function nowKey(now: Date): string {
  return `${localDateOf(now)} ${localTimeOf(now)}`;
}
