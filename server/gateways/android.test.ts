import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AndroidHttpError, AndroidNetworkError, androidMessageId, outcomeOfError } from './android';

describe('the message id given to the gateway', () => {
  it('is the idempotency key itself when the API accepts it', () => {
    expect(androidMessageId('message:ask-Zk81qP-1')).toBe('message:ask-Zk81qP-1');
  });

  it('is at most 36 characters, the same for the same key and different for different keys', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 120 }),
        fc.string({ minLength: 1, maxLength: 120 }),
        (a, b) => {
          const id = androidMessageId(a);
          expect(id.length).toBeLessThanOrEqual(36);
          expect(id).toMatch(/^[\w:.-]+$/);
          expect(androidMessageId(a)).toBe(id);
          if (a !== b) expect(androidMessageId(b)).not.toBe(id);
        },
      ),
    );
  });
});

describe('what a failed call means for the outbox', () => {
  it('takes a 409 duplicate as the earlier attempt having gone through', () => {
    expect(outcomeOfError(new AndroidHttpError(409, '{"message":"duplicate id"}'), 'k')).toEqual({
      ok: true,
      gatewayRef: 'k',
    });
  });

  it('retries server errors, rate limits, timeouts and network failures only', () => {
    const retryable = (err: unknown) => {
      const o = outcomeOfError(err, 'k');
      return o.ok ? 'ok' : o.retryable;
    };
    expect([500, 502, 503, 429, 408].map((s) => retryable(new AndroidHttpError(s, '')))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect([400, 401, 403, 404, 422].map((s) => retryable(new AndroidHttpError(s, '')))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(retryable(new AndroidNetworkError('ECONNRESET'))).toBe(true);
  });
});
