// Fairness reads how much each driver was asked lately: every ask (answered or not, a ride or
// not) counts 1 when just made and half as much every `fairnessHalfLifeDays`, so of two drivers
// asked as often, the one asked less recently comes first; asks older than the window are gone.
import type { MatchingSettings } from './settings';

export interface PastAsk {
  readonly driverId: string;
  /** ISO instant of the question (or of its answer, when only that was kept). */
  readonly at: string;
}

const DAY_MS = 86_400_000;

/** The oldest ask that still counts, as an ISO instant (the worker reads its asks from there). */
export function askWindowStart(
  now: Date,
  settings: Pick<MatchingSettings, 'fairnessWindowDays'>,
): string {
  return new Date(now.getTime() - settings.fairnessWindowDays * DAY_MS).toISOString();
}

/** Driver id → weight of their recent asks, for `MatchContext.recentAsks`. */
export function recentAskWeights(
  asks: Iterable<PastAsk>,
  now: Date,
  settings: Pick<MatchingSettings, 'fairnessHalfLifeDays' | 'fairnessWindowDays'>,
): Map<string, number> {
  const weights = new Map<string, number>();
  for (const ask of asks) {
    // An ask stamped a little ahead of this worker's clock counts as just made.
    const ageDays = Math.max(0, (now.getTime() - Date.parse(ask.at)) / DAY_MS);
    if (!(ageDays <= settings.fairnessWindowDays)) continue;
    const weight = 0.5 ** (ageDays / settings.fairnessHalfLifeDays);
    weights.set(ask.driverId, (weights.get(ask.driverId) ?? 0) + weight);
  }
  return weights;
}
