// Ranking: a weighted sum of three parts, each between 0 and 1 (higher is better).
import type { MatchingSettings } from './settings';

export interface ScoreParts {
  /** 1 at the centre of the pickup window, 0 at its edges. */
  readonly time: number;
  /** 1 for no detour, 0 at `detourScaleMinutes` or more. */
  readonly detour: number;
  /** 1 for a driver not asked recently, 1/2 after one ask, 1/3 after two… */
  readonly fairness: number;
}

export function scoreCandidate(
  facts: { pickup: number; detour: number; asks: number },
  window: { earliest: number; latest: number },
  settings: Pick<MatchingSettings, 'weights' | 'detourScaleMinutes'>,
): { score: number; parts: ScoreParts } {
  const centre = (window.earliest + window.latest) / 2;
  const half = (window.latest - window.earliest) / 2;
  const parts: ScoreParts = {
    time: round3(Math.max(0, 1 - Math.abs(facts.pickup - centre) / half)),
    detour: round3(Math.max(0, 1 - facts.detour / settings.detourScaleMinutes)),
    fairness: round3(1 / (1 + Math.max(0, facts.asks))),
  };
  const w = settings.weights;
  const score = round3(w.time * parts.time + w.detour * parts.detour + w.fairness * parts.fairness);
  return { score, parts };
}

/** Best first; ties go to the smaller detour, then to the trip id, so the order never wobbles. */
export function compareCandidates(
  a: { score: number; detourMinutes: number; tripId: string; leg: string },
  b: { score: number; detourMinutes: number; tripId: string; leg: string },
): number {
  if (a.score !== b.score) return b.score - a.score;
  if (a.detourMinutes !== b.detourMinutes) return a.detourMinutes - b.detourMinutes;
  if (a.tripId !== b.tripId) return a.tripId < b.tripId ? -1 : 1;
  return a.leg < b.leg ? -1 : a.leg > b.leg ? 1 : 0;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
