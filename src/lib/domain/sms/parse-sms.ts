// Reads one French SMS: its intent, and for a request the places, date and pickup window.
import { localDateOf, DEFAULT_TIME_ZONE } from '../schedule/calendar';
import { extractSchedule } from '../schedule/extract-schedule';
import { DEFAULT_TIME_SETTINGS, type TimeSettings } from '../schedule/time-settings';
import { findPlaces } from './find-places';
import {
  asksHelp,
  asksHowTo,
  opensWithStop,
  pauseOf,
  replyOf,
  saysCancel,
  saysThanks,
  thanksWithoutRequest,
} from './intent';
import type { PlaceLexicon, WorkCounter } from './place-lexicon';
import { tokenizeSms } from './tokenize';
import { SMS_WORDS } from './vocabulary';
import type { ParsedSms, RequestDraft, SmsParseLine } from './types';

/** Words that do not change what a bare date or time answer means: "plutôt vers 10h svp". */
const FILLERS = new Set([
  ',',
  '?',
  'je',
  'j',
  'c',
  'ce',
  'ca',
  'est',
  'sera',
  'serait',
  'pour',
  'le',
  'la',
  'a',
  'de',
  'et',
  'ou',
  'alors',
  'plutot',
  'svp',
  'bonjour',
  'bonsoir',
  'salut',
  'merci',
  'disons',
  'mieux',
]);

export interface ParseContext {
  /** The moment the SMS arrived. */
  readonly now: Date;
  readonly lexicon: PlaceLexicon;
  readonly settings?: TimeSettings;
  readonly timeZone?: string;
  /** Counts the place finder's look-ups (tests check they grow linearly with the message). */
  readonly work?: WorkCounter;
}

export function parseSms(text: string, context: ParseContext): ParsedSms {
  const tokens = tokenizeSms(text);
  if (tokens.length === 0) return { intent: 'unknown' };
  if (opensWithStop(tokens)) return { intent: 'stop' };
  const pause = pauseOf(tokens);
  if (pause !== null) return { intent: pause };
  if (saysCancel(tokens)) return { intent: 'cancel' };
  if (asksHelp(tokens)) return { intent: 'help' };

  const today = localDateOf(context.now, context.timeZone ?? DEFAULT_TIME_ZONE);
  const schedule = extractSchedule(tokens, today, context.settings ?? DEFAULT_TIME_SETTINGS);
  const places = findPlaces(tokens, schedule.consumed, context.lexicon, context.work);
  const reply = replyOf(tokens);
  // A town outside the territory is named too: "je vais à Brive demain" is a request (to null).
  const named = places.places.length > 0;
  // "non, de Gramat à Figeac jeudi" is a request; "oui je serai à Figeac à 9h" is an answer.
  const surePlace = places.places.length >= 2 || (places.from !== null && places.to !== null);
  const hasSchedule = schedule.date !== null || schedule.earliest !== null;

  const draft: RequestDraft = {
    from: places.from?.insee ?? null,
    to: places.to?.insee ?? null,
    date: schedule.date,
    earliest: schedule.earliest,
    latest: schedule.latest,
    placeEvidence: places.evidence,
  };
  // "merci pour le trajet de ce matin" thanks; "merci, de Gramat à Figeac demain 9h" asks.
  if (reply === null && thanksWithoutRequest(tokens) && !(surePlace && hasSchedule))
    return { intent: 'thanks' };
  if (named && (reply === null || surePlace)) return { intent: 'request', request: draft };
  if (!named && reply === null && asksHowTo(tokens)) return { intent: 'help' };
  if (reply !== null) return { intent: reply, request: named || hasSchedule ? draft : null };
  // A date or time alone is the answer to "quel jour ?" in a dialogue; a sentence that merely
  // mentions a day ("je suis malade aujourd'hui") is not.
  // Two unknown names around a date ("Brive Tulle demain 9h") are a request outside the gazetteer.
  const otherWords = tokens.filter((t, i) => !schedule.consumed.has(i) && !FILLERS.has(t));
  const unknownPair =
    otherWords.length === 2 && otherWords.every((w) => /^[a-z]{3,}$/.test(w) && !SMS_WORDS.has(w));
  if (hasSchedule && (otherWords.length <= 1 || unknownPair) && !saysThanks(tokens)) {
    return { intent: 'request', request: draft };
  }
  if (saysThanks(tokens)) return { intent: 'thanks' };
  return { intent: 'unknown' };
}

/** The flat shape printed by `npm run sms:parse`. */
export function toParseLine(parsed: ParsedSms): SmsParseLine {
  if (parsed.intent !== 'request') {
    return {
      intent: parsed.intent,
      from: null,
      to: null,
      date: null,
      earliest: null,
      latest: null,
    };
  }
  const { from, to, date, earliest, latest } = parsed.request;
  return { intent: 'request', from, to, date, earliest, latest };
}
