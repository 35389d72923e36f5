// A candidate trip for a request, and the short list of the best ones (one per driver).
import { compareCandidates, type ScoreParts } from './score';
import type { Leg } from './types';

export interface Candidate {
  readonly tripId: string;
  readonly driverId: string;
  readonly leg: Leg;
  readonly date: string;
  /** "HH:MM", Europe/Paris: when the driver reaches the passenger's commune. */
  readonly pickupTime: string;
  readonly dropoffTime: string;
  /** Extra driving the passenger costs the driver, minutes (one decimal). */
  readonly detourMinutes: number;
  /** Road estimate of the passenger's own leg, km (one decimal). */
  readonly passengerRoadKm: number;
  readonly contributionCents: number;
  readonly seatsLeft: number;
  readonly score: number;
  readonly scoreParts: ScoreParts;
}

/** A candidate before the request-wide figures (contribution, passenger km) are added. */
export type Draft = Omit<Candidate, 'contributionCents' | 'passengerRoadKm'>;

/** The best few candidates, one per driver, kept without building the losers. */
export class TopCandidates {
  private readonly kept: Draft[] = [];
  constructor(private readonly size: number) {}

  /** True when a candidate with these facts could still enter the list. */
  mightEnter(draft: Pick<Draft, 'score' | 'detourMinutes' | 'tripId' | 'leg'>): boolean {
    const worst = this.kept[this.kept.length - 1];
    return this.kept.length < this.size || !worst || compareCandidates(draft, worst) < 0;
  }

  offer(draft: Draft) {
    if (!this.mightEnter(draft)) return;
    const same = this.kept.findIndex((c) => c.driverId === draft.driverId);
    if (same >= 0) {
      if (compareCandidates(draft, this.kept[same]!) >= 0) return;
      this.kept.splice(same, 1);
    }
    this.kept.push(draft);
    this.kept.sort(compareCandidates);
    if (this.kept.length > this.size) this.kept.pop();
  }

  /** The score a newcomer must reach to have a chance; -Infinity while the list has room. */
  threshold(): number {
    return this.kept.length < this.size ? -Infinity : this.kept[this.kept.length - 1]!.score;
  }

  list(): readonly Draft[] {
    return this.kept;
  }
}
