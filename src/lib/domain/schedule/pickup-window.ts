// From a time said in an SMS ("9h", "vers 9h", "avant 9h", "soir") to a pickup window.
import { fromMinutes, type HhMm, type TimeSettings } from './time-settings';

export type DayPart = 'morning' | 'afternoon' | 'evening';

export type Modifier = 'exact' | 'approximate' | 'before' | 'after';

export interface TimeHit {
  readonly minutes: number;
  readonly modifier: Modifier;
  /** An hour before noon may be on a 12-hour clock ("soir 7h" is 19:00); "14h" is not. */
  readonly twelveHour: boolean;
}

export function windowOf(
  time: TimeHit | null,
  range: readonly [number, number] | null,
  part: DayPart | null,
  settings: TimeSettings,
): [HhMm, HhMm] | null {
  if (range !== null) return [fromMinutes(range[0]), fromMinutes(range[1])];
  if (time !== null) {
    let at = time.minutes;
    // "soir 7h", "aprem 3h": people count hours on a 12-hour clock.
    if ((part === 'afternoon' || part === 'evening') && time.twelveHour && at >= 60) at += 12 * 60;
    const margin =
      time.modifier === 'approximate'
        ? settings.approximateMarginMinutes
        : settings.exactMarginMinutes;
    switch (time.modifier) {
      case 'exact':
      case 'approximate':
        return insideDay(at - margin, at + margin);
      case 'before':
        return insideDay(at - settings.openEndedMinutes, at);
      case 'after':
        return insideDay(at, at + settings.openEndedMinutes);
    }
  }
  if (part !== null) {
    const w = settings[part];
    return [w.earliest, w.latest];
  }
  return null;
}

const LAST_MINUTE = 23 * 60 + 59;

/** Clamps a window to the day and keeps it at least a quarter of an hour wide. */
function insideDay(earliest: number, latest: number): [HhMm, HhMm] {
  let lo = Math.max(0, earliest);
  let hi = Math.min(LAST_MINUTE, latest);
  if (hi - lo < 15) {
    if (lo + 15 <= LAST_MINUTE) hi = lo + 15;
    else lo = hi - 15;
  }
  return [fromMinutes(lo), fromMinutes(hi)];
}
