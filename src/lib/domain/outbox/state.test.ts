import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accept,
  applyEvent,
  applyReport,
  attemptOf,
  backoffMs,
  claim,
  compareProgress,
  isDue,
  isStuck,
  isTerminal,
  queue,
  refuse,
  type BackoffSettings,
  type OutboxEvent,
  type OutboxState,
} from './state';

const t0 = new Date('2026-11-24T09:00:00Z');
const later = (seconds: number) => new Date(t0.getTime() + seconds * 1000);
const settings: BackoffSettings = { maxAttempts: 8, backoffMs: 30_000, maxBackoffMs: 30 * 60_000 };
const down = { retryable: true, error: 'passerelle injoignable' };

describe('outgoing SMS state machine', () => {
  it('goes from pending to delivered through the gateway in one attempt', () => {
    const claimed = claim(queue(t0), 'smpp', later(1));
    expect(claimed).toMatchObject({ status: 'sent-to-gateway', attempts: 1, gateway: 'smpp' });
    const sent = accept(claimed, 'ref-1', later(2));
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, gatewayRef: 'ref-1' });
    const delivered = applyReport(sent, {
      state: 'delivered',
      gatewayRef: 'ref-1',
      at: later(9).toISOString(),
    });
    expect(delivered).toEqual({ ...sent, status: 'delivered', at: later(9).toISOString() });
  });

  it('waits 30 s, 1 min, 2 min… up to 30 min between tries, and fails after the eighth', () => {
    let state: OutboxState = queue(t0);
    const waits: number[] = [];
    let at = t0;
    while (state.status === 'pending') {
      const claimed = claim(state, 'console', at);
      state = refuse(claimed, down, at, settings);
      if (state.status === 'pending') {
        const wait = Date.parse(state.notBefore!) - at.getTime();
        waits.push(wait / 1000);
        expect(isDue(state, new Date(at.getTime() + wait - 1))).toBe(false);
        at = new Date(at.getTime() + wait);
        expect(isDue(state, at)).toBe(true);
      }
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1800]);
    expect(state).toMatchObject({ status: 'failed', attempts: 8, error: down.error });
  });

  it('fails at once when the gateway refuses for good', () => {
    const refused = refuse(
      claim(queue(t0), 'android', t0),
      { retryable: false, error: 'numéro invalide' },
      t0,
      settings,
    );
    expect(refused).toMatchObject({ status: 'failed', attempts: 1, error: 'numéro invalide' });
  });

  it('does not hand a message over before its backoff is over', () => {
    const waiting = refuse(claim(queue(t0), 'console', t0), down, t0, settings);
    expect(waiting.status).toBe('pending');
    if (waiting.status !== 'pending') return;
    expect(() => claim(waiting, 'console', later(29))).toThrow(RangeError);
    expect(
      applyEvent(waiting, { type: 'claim', gateway: 'console', at: later(29) }, settings),
    ).toBe(waiting);
    expect(claim(waiting, 'console', later(30)).attempts).toBe(2);
  });

  it('never lets a late report undo a delivery', () => {
    const sent = accept(claim(queue(t0), 'smpp', t0), 'ref', t0);
    const report = (state: 'sent' | 'delivered' | 'failed', seconds: number) => ({
      state,
      gatewayRef: 'ref',
      at: later(seconds).toISOString(),
    });
    const delivered = applyReport(sent, report('delivered', 5));
    expect(applyReport(delivered, report('sent', 6))).toBe(delivered);
    expect(applyReport(delivered, report('failed', 7))).toBe(delivered);
    expect(applyReport(sent, report('sent', 6))).toBe(sent);
    expect(applyReport(sent, { ...report('failed', 8), error: 'EXPIRED' })).toMatchObject({
      status: 'failed',
      error: 'EXPIRED',
      gatewayRef: 'ref',
    });
  });

  it('takes a report that comes before the answer to the hand-over, not one before any', () => {
    const claimed = claim(queue(t0), 'android', t0);
    const report = {
      state: 'delivered' as const,
      gatewayRef: 'message:x',
      at: later(1).toISOString(),
    };
    expect(applyReport(claimed, report)).toEqual({
      status: 'delivered',
      attempts: 1,
      at: report.at,
      gateway: 'android',
      gatewayRef: 'message:x',
    });
    expect(applyReport(queue(t0), report)).toEqual(queue(t0));
    const sent = applyReport(claimed, { ...report, state: 'sent' });
    expect(sent).toMatchObject({ status: 'sent', gatewayRef: 'message:x' });
    // The gateway's own answer, recorded after its report, changes nothing.
    expect(applyEvent(sent, { type: 'refused', refusal: down, at: later(2) }, settings)).toBe(sent);
  });

  it('tells a claim with no answer for the threshold as stuck, and nothing else', () => {
    const claimed = claim(queue(t0), 'console', t0);
    expect(isStuck(claimed, later(599), 600_000)).toBe(false);
    expect(isStuck(claimed, later(600), 600_000)).toBe(true);
    expect(isStuck(queue(t0), later(6000), 600_000)).toBe(false);
    expect(isStuck(accept(claimed, 'r', t0), later(6000), 600_000)).toBe(false);
  });

  it('refuses impossible transitions at compile time', () => {
    const pending = queue(t0);
    const claimed = claim(pending, 'console', t0);
    const sent = accept(claimed, 'r', t0);
    // Type-checked, never run: each line is a transition the machine does not have.
    const impossible = () => [
      // @ts-expect-error a message no gateway was handed cannot be accepted
      accept(pending, 'r', t0),
      // @ts-expect-error a sent message cannot be refused any more
      refuse(sent, down, t0, settings),
      // @ts-expect-error a claimed message cannot be claimed again
      claim(claimed, 'console', t0),
    ];
    void impossible;
    expect([pending.status, claimed.status, sent.status]).toEqual([
      'pending',
      'sent-to-gateway',
      'sent',
    ]);
  });

  it('caps the backoff whatever the number of attempts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), (attempts) => {
        const wait = backoffMs(attempts, settings);
        expect(wait).toBeGreaterThanOrEqual(settings.backoffMs);
        expect(wait).toBeLessThanOrEqual(settings.maxBackoffMs);
        expect(backoffMs(attempts + 1, settings)).toBeGreaterThanOrEqual(wait);
      }),
    );
  });
});

const instant = fc.integer({ min: 0, max: 4 * 3600 }).map(later);
const iso = instant.map((d) => d.toISOString());
const text = fc.constantFrom('a', 'b', 'EXPIRED');

/** Any state a message document can be in, not only those reachable from `queue`. */
const anyState: fc.Arbitrary<OutboxState> = fc.oneof(
  fc.record({
    status: fc.constant('pending' as const),
    attempts: fc.nat(10),
    at: iso,
    notBefore: fc.option(iso),
    error: fc.option(text),
  }),
  fc.record({
    status: fc.constant('sent-to-gateway' as const),
    attempts: fc.integer({ min: 1, max: 10 }),
    at: iso,
    gateway: text,
  }),
  ...(['sent', 'delivered'] as const).map((status) =>
    fc.record({
      status: fc.constant(status),
      attempts: fc.integer({ min: 1, max: 10 }),
      at: iso,
      gateway: text,
      gatewayRef: text,
    }),
  ),
  fc.record({
    status: fc.constant('failed' as const),
    attempts: fc.nat(10),
    at: iso,
    gateway: fc.option(text),
    gatewayRef: fc.option(text),
    error: fc.option(text),
  }),
);

const claimEvent = fc.record({ type: fc.constant('claim' as const), gateway: text, at: instant });
const refusedEvent = fc.record({
  type: fc.constant('refused' as const),
  refusal: fc.record({ retryable: fc.boolean(), error: text }),
  at: instant,
});
const anyEvent: fc.Arbitrary<OutboxEvent> = fc.oneof(
  claimEvent,
  fc.record({ type: fc.constant('accepted' as const), gatewayRef: text, at: instant }),
  refusedEvent,
  fc.record({
    type: fc.constant('report' as const),
    report: fc.record({
      state: fc.constantFrom('sent' as const, 'delivered' as const, 'failed' as const),
      gatewayRef: text,
      at: iso,
    }),
  }),
);

describe('outgoing SMS state machine, any events in any order', () => {
  it('never moves a message backwards, and delivered or failed absorb every event', () => {
    fc.assert(
      fc.property(anyState, fc.array(anyEvent, { maxLength: 30 }), (start, events) => {
        let state = start;
        for (const event of events) {
          const next = applyEvent(state, event, settings);
          if (isTerminal(state)) expect(next).toBe(state);
          // Every change is progress: a later attempt, or a higher rank in the same one.
          if (next !== state) expect(compareProgress(next, state)).toBeGreaterThan(0);
          expect(next.attempts).toBeGreaterThanOrEqual(state.attempts);
          if (event.type === 'report') expect(attemptOf(next)).toBe(attemptOf(state));
          state = next;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('hands a queued message over at most maxAttempts times, whatever the gateway says', () => {
    // Mostly claims and refusals, so that runs reach the last attempt.
    const events = fc.array(
      fc.oneof(
        { arbitrary: claimEvent, weight: 4 },
        { arbitrary: refusedEvent, weight: 4 },
        { arbitrary: anyEvent, weight: 1 },
      ),
      { maxLength: 80 },
    );
    fc.assert(
      fc.property(events, (events) => {
        let state: OutboxState = queue(t0);
        let claims = 0;
        for (const event of events) {
          const next = applyEvent(state, event, settings);
          if (next.status === 'sent-to-gateway' && next !== state) claims++;
          state = next;
        }
        expect(claims).toBeLessThanOrEqual(settings.maxAttempts);
        expect(state.attempts).toBe(claims);
      }),
      { numRuns: 300 },
    );
  });
});
