import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DeliveryReport, InboundSms } from '../shared/gateway';
import {
  handleAndroidWebhook,
  parseAndroidWebhook,
  signAndroidWebhook,
  verifyAndroidSignature,
} from './android-webhook';

const KEY = 'cle-de-signature-du-telephone';
const NOW = Date.parse('2026-11-24T07:10:00Z');
const TS = String(NOW / 1000);

const received = JSON.stringify({
  deviceId: 'ffffffffceb0b1db0000018e937c815b',
  event: 'sms:received',
  id: 'Ey6ECgOkVVFjz3CL48B8C',
  payload: {
    messageId: 'abc123',
    message: 'Gramat Figeac mardi 9h, je suis à Rocamadour',
    phoneNumber: '+33639980201',
    simNumber: 1,
    receivedAt: '2026-11-24T08:09:58.000+01:00',
  },
  webhookId: 'maillage-sms-received',
});

function collectingSink(fail = false) {
  const inbound: InboundSms[] = [];
  const reports: DeliveryReport[] = [];
  return {
    inbound,
    reports,
    sink: {
      inbound: async (sms: InboundSms) => {
        if (fail) throw new Error('CouchDB unreachable');
        inbound.push(sms);
      },
      report: async (r: DeliveryReport) => {
        if (fail) throw new Error('CouchDB unreachable');
        reports.push(r);
      },
    },
  };
}

function post(body: string, headers: Record<string, string>) {
  return new Request('http://localhost/api/sms/android', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

const signed = (body: string, ts = TS, key = KEY) => ({
  'x-timestamp': ts,
  'x-signature': signAndroidWebhook(key, body, ts),
});

describe('the signature', () => {
  it('is the hex HMAC-SHA256 of the raw body followed by the timestamp, as the app computes it', () => {
    const expected = createHmac('sha256', KEY)
      .update(received + TS)
      .digest('hex');
    expect(signAndroidWebhook(KEY, received, TS)).toBe(expected);
    const body = new TextEncoder().encode(received);
    expect(verifyAndroidSignature(KEY, body, TS, expected, NOW)).toEqual({ ok: true });
    expect(verifyAndroidSignature(KEY, body, TS, expected.toUpperCase(), NOW)).toEqual({
      ok: true,
    });
  });

  it('is refused when the body, the timestamp or the key differs', () => {
    const body = new TextEncoder().encode(received);
    const sig = signAndroidWebhook(KEY, received, TS);
    const tampered = new TextEncoder().encode(received.replace('9h', '10h'));
    expect(verifyAndroidSignature(KEY, tampered, TS, sig, NOW).ok).toBe(false);
    expect(verifyAndroidSignature(KEY, body, String(Number(TS) + 1), sig, NOW).ok).toBe(false);
    expect(verifyAndroidSignature('autre-cle', body, TS, sig, NOW).ok).toBe(false);
    expect(verifyAndroidSignature(KEY, body, TS, sig.slice(0, 63), NOW).ok).toBe(false);
    expect(verifyAndroidSignature(KEY, body, TS, null, NOW).ok).toBe(false);
  });

  it('is refused outside five minutes either way, even when correct', () => {
    const body = new TextEncoder().encode(received);
    for (const [offset, ok] of [
      [-301, false],
      [-299, true],
      [299, true],
      [301, false],
    ] as const) {
      const ts = String(Number(TS) + offset);
      const sig = signAndroidWebhook(KEY, received, ts);
      expect(verifyAndroidSignature(KEY, body, ts, sig, NOW).ok).toBe(ok);
    }
  });
});

describe('reading events', () => {
  it('makes an inbound SMS whose id depends on sender, time and text, not on the event id', () => {
    const a = parseAndroidWebhook(JSON.parse(received), NOW);
    const again = JSON.parse(received);
    again.id = 'another-event-id';
    again.payload.receivedAt = '2026-11-24T07:09:58Z';
    const b = parseAndroidWebhook(again, NOW);
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      ok: true,
      event: {
        kind: 'inbound',
        sms: {
          from: '+33639980201',
          text: 'Gramat Figeac mardi 9h, je suis à Rocamadour',
          receivedAt: '2026-11-24T07:09:58.000Z',
        },
      },
    });
    const other = JSON.parse(received);
    other.payload.message = 'OUI';
    const c = parseAndroidWebhook(other, NOW);
    expect(c.ok && c.event.kind === 'inbound' && c.event.sms.gatewayMessageId).not.toBe(
      a.ok && a.event.kind === 'inbound' && a.event.sms.gatewayMessageId,
    );
  });

  it('makes delivery reports of sms:sent, sms:delivered and sms:failed', () => {
    const ev = (event: string, payload: object) => parseAndroidWebhook({ event, payload }, NOW);
    expect(
      ev('sms:sent', { messageId: 'message:k1', sentAt: '2026-11-24T08:00:01+01:00' }),
    ).toEqual({
      ok: true,
      event: {
        kind: 'report',
        report: { gatewayRef: 'message:k1', state: 'sent', at: '2026-11-24T07:00:01.000Z' },
      },
    });
    expect(ev('sms:delivered', { messageId: 'message:k1', deliveredAt: 'n/a' })).toMatchObject({
      event: { report: { state: 'delivered', at: new Date(NOW).toISOString() } },
    });
    expect(
      ev('sms:failed', {
        messageId: 'message:k1',
        failedAt: '2026-11-24T07:00:05Z',
        reason: 'RESULT_ERROR_NO_SERVICE',
      }),
    ).toMatchObject({ event: { report: { state: 'failed', error: 'RESULT_ERROR_NO_SERVICE' } } });
  });

  it('refuses bodies that miss what an event needs, and ignores other events', () => {
    expect(parseAndroidWebhook([], NOW).ok).toBe(false);
    expect(parseAndroidWebhook({ event: 'sms:received', payload: { message: 'x' } }, NOW).ok).toBe(
      false,
    );
    expect(
      parseAndroidWebhook(
        { event: 'sms:received', payload: { phoneNumber: '+33639980201', message: 'x' } },
        NOW,
      ).ok,
    ).toBe(false);
    expect(parseAndroidWebhook({ event: 'sms:delivered', payload: {} }, NOW).ok).toBe(false);
    expect(parseAndroidWebhook({ event: 'system:ping', payload: {} }, NOW)).toEqual({
      ok: true,
      event: { kind: 'ignored', event: 'system:ping' },
    });
    for (const event of ['__proto__', 'constructor', 'toString'])
      expect(parseAndroidWebhook({ event, payload: { messageId: 'm' } }, NOW)).toEqual({
        ok: true,
        event: { kind: 'ignored', event },
      });
  });
});

describe('POST /api/sms/android', () => {
  it('records a signed received SMS', async () => {
    const c = collectingSink();
    const res = await handleAndroidWebhook(post(received, signed(received)), {
      signingKey: KEY,
      now: NOW,
      sink: c.sink,
      log: () => {},
    });
    expect(res.status).toBe(200);
    expect(c.inbound).toHaveLength(1);
    expect(c.inbound[0]!.from).toBe('+33639980201');
  });

  it('answers 401 to an unsigned, forged or replayed webhook and records nothing', async () => {
    const c = collectingSink();
    const deps = { signingKey: KEY, now: NOW, sink: c.sink, log: () => {} };
    const forged = received.replace('+33639980201', '+33639980299');
    const cases = [
      post(received, {}),
      post(received, { 'x-timestamp': TS }),
      post(forged, signed(received)),
      post(received, signed(received, TS, 'cle-devinee')),
      post(received, signed(received, String(Number(TS) - 3600))),
    ];
    for (const req of cases) expect((await handleAndroidWebhook(req, deps)).status).toBe(401);
    expect(c.inbound).toEqual([]);
  });

  it('answers 400 to a signed body that is not a webhook, and 200 to a ping', async () => {
    const c = collectingSink();
    const deps = { signingKey: KEY, now: NOW, sink: c.sink, log: () => {} };
    for (const body of ['pas du json', '{"event":"sms:received"}', '[1,2]']) {
      const res = await handleAndroidWebhook(post(body, signed(body)), deps);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(/\w/);
    }
    const ping = '{"event":"system:ping","payload":{}}';
    expect((await handleAndroidWebhook(post(ping, signed(ping)), deps)).status).toBe(200);
  });

  it('answers 503 when the database cannot record it, so that the phone retries', async () => {
    const c = collectingSink(true);
    const res = await handleAndroidWebhook(post(received, signed(received)), {
      signingKey: KEY,
      now: NOW,
      sink: c.sink,
      log: () => {},
    });
    expect(res.status).toBe(503);
  });

  it('refuses everything while no signing key is configured', async () => {
    const c = collectingSink();
    const res = await handleAndroidWebhook(post(received, signed(received)), {
      signingKey: '',
      now: NOW,
      sink: c.sink,
      log: () => {},
    });
    expect(res.status).toBe(503);
    expect(c.inbound).toEqual([]);
  });

  it('refuses a body over 64 KiB before reading it as JSON', async () => {
    const c = collectingSink();
    const big = JSON.stringify({ event: 'sms:received', payload: { message: 'x'.repeat(70_000) } });
    const res = await handleAndroidWebhook(post(big, signed(big)), {
      signingKey: KEY,
      now: NOW,
      sink: c.sink,
      log: () => {},
    });
    expect(res.status).toBe(413);
  });
});
