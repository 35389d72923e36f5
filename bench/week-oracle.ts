// What the simulated week knows that the worker does not: each driver's answer to each request,
// drawn once from a seeded hash of (seed, driver phone, request) so that it does not depend on
// the order the worker asks in, and which requests some trip could have served.
import { createHash } from 'node:crypto';
import type { RideRequest, Trip } from '../src/lib/domain/documents';
import { answerDeadline, instantOf } from '../src/lib/domain/match';
import { findCandidates, seatKey, type CommuneLookup } from '../src/lib/domain/matching';
import { frenchPublicHolidays } from '../src/lib/domain/schedule/holidays';

export type AnswerKind = 'oui' | 'non' | 'silence';

export interface DrawnAnswer {
  readonly kind: AnswerKind;
  /** Minutes from the question to the answer (none for silence). */
  readonly delayMinutes: number;
}

/** OUI 60 %, NON 20 %, silence 20 %, answered 2–41 minutes after the question. */
export function drawAnswer(seed: number, phone: string, requestId: string): DrawnAnswer {
  const h = createHash('sha256').update(`${seed}|${phone}|${requestId}`).digest();
  const u = h.readUInt32BE(0) / 2 ** 32;
  const kind: AnswerKind = u < 0.6 ? 'oui' : u < 0.8 ? 'non' : 'silence';
  return { kind, delayMinutes: kind === 'silence' ? 0 : 2 + (h.readUInt32BE(4) % 40) };
}

/** The request a driver's question is about, from the question's id (`message:ask-<suffix>-<n>`). */
export function askedRequest(messageId: string): string | null {
  const m = /^message:ask-(.+)-\d+$/.exec(messageId);
  return m ? `request:${m[1]}` : null;
}

export interface ConfirmedSeat {
  readonly requestId: string;
  readonly tripId: string;
  readonly date: string;
  readonly leg: 'outbound' | 'return';
  readonly seats: number;
}

export interface Coverage {
  /** Some trip covers it with a seat left (answers set aside). */
  readonly ignoringAnswers: boolean;
  /** …and that trip's driver would answer OUI. */
  readonly willing: boolean;
}

/**
 * Whether some trip could serve `request`: a trip written before its window closed, searched as
 * the worker would at the later of the request's and the trip's writing (so the 15-minute lead
 * counts from there), with a question still possible before its pickup (the answer deadline's
 * rule), and a seat left once the rides confirmed for other requests are counted.
 */
export function coverage(
  request: RideRequest,
  writtenAt: number,
  trips: readonly Trip[],
  rides: readonly ConfirmedSeat[],
  phoneOf: (driverId: string) => string,
  communes: CommuneLookup,
  seed: number,
): Coverage {
  const closes = instantOf(request.date, request.latest).getTime();
  const seatsTaken = new Map<string, number>();
  for (const r of rides) {
    if (r.requestId === request._id) continue;
    const key = seatKey(r.tripId, r.date, r.leg);
    seatsTaken.set(key, (seatsTaken.get(key) ?? 0) + r.seats);
  }
  const holidays = new Set(
    frenchPublicHolidays(Number(request.date.slice(0, 4))).map((h) => h.date),
  );
  let ignoringAnswers = false;
  for (const trip of trips) {
    const written = Date.parse(trip.createdAt);
    if (written >= closes) continue;
    const now = new Date(Math.max(writtenAt, written));
    const result = findCandidates(request, [trip], {
      communes,
      now,
      seatsTaken,
      blockedPeople: new Set(),
      recentAsks: new Map(),
      holidays,
    });
    if (result.status !== 'ok') return { ignoringAnswers: false, willing: false };
    const askable = result.candidates.some(
      (c) => answerDeadline(now, instantOf(request.date, c.pickupTime)) !== null,
    );
    if (!askable) continue;
    ignoringAnswers = true;
    if (drawAnswer(seed, phoneOf(trip.driverId), request._id).kind === 'oui')
      return { ignoringAnswers, willing: true };
  }
  return { ignoringAnswers, willing: false };
}

/** The value at quantile q of sorted numbers (nearest rank), or null when there are none. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? null;
}
