// The Android webhook as the /api/sms/android route runs it, writing into a real
// CouchDB-compatible server: received SMS recorded once, delivery reports applied to the
// outgoing message, forged requests refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWorkerDesign } from '../../src/lib/server/shared/worker-design';
import { androidWebhookSink } from '../../src/lib/server/sms/android-sink';
import { handleAndroidWebhook, signAndroidWebhook } from '../../src/lib/server/sms/android-webhook';
import { startTestCouch, type TestCouch } from './support/couch';
import { appConfigFor } from './support/session-proxy-app';

const KEY = 'cle-de-signature-integration';
let couch: TestCouch;

beforeAll(async () => {
  couch = await startTestCouch();
  await ensureWorkerDesign(couch.couch.use(couch.dbName));
});
afterAll(async () => {
  await couch?.stop();
});

async function hook(event: object, now = Date.now(), key = KEY): Promise<Response> {
  const body = JSON.stringify(event);
  const ts = String(Math.floor(now / 1000));
  const request = new Request('http://localhost/api/sms/android', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-timestamp': ts,
      'x-signature': signAndroidWebhook(key, body, ts),
    },
    body,
  });
  return handleAndroidWebhook(request, {
    signingKey: KEY,
    now,
    sink: androidWebhookSink(appConfigFor(couch), now),
    log: () => {},
  });
}

async function messages(direction: 'in' | 'out') {
  const all = await couch.couch.use(couch.dbName).list({ include_docs: true });
  return all.rows
    .map((r) => r.doc as unknown as Record<string, unknown>)
    .filter((d) => d.type === 'message' && d.direction === direction);
}

const received = (text: string, receivedAt: string, id = 'evt-1') => ({
  deviceId: 'ffffffffceb0b1db0000018e937c815b',
  event: 'sms:received',
  id,
  payload: { messageId: 'abc', message: text, phoneNumber: '0639980201', receivedAt },
  webhookId: 'maillage-sms-received',
});

describe('a received SMS', () => {
  it('is recorded once as an inbound message, however often the phone sends it', async () => {
    const at = '2026-11-24T08:09:58.000+01:00';
    expect((await hook(received('Gramat Figeac mardi 9h', at))).status).toBe(200);
    expect((await hook(received('Gramat Figeac mardi 9h', at, 'evt-2'))).status).toBe(200);
    const inbound = await messages('in');
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({
      from: '+33639980201',
      text: 'Gramat Figeac mardi 9h',
      gateway: 'android',
      receivedAt: '2026-11-24T07:09:58.000Z',
      state: 'received',
    });
  });

  it('is not recorded when the signature is forged', async () => {
    const res = await hook(received('ANNULER', '2026-11-24T09:00:00Z'), Date.now(), 'cle-devinee');
    expect(res.status).toBe(401);
    expect((await messages('in')).map((m) => m.text)).not.toContain('ANNULER');
  });
});

describe('delivery reports', () => {
  it('move the outgoing message to sent, then delivered', async () => {
    const now = new Date().toISOString();
    await couch.couch.use(couch.dbName).insert({
      _id: 'message:out-k1',
      type: 'message',
      schema: 1,
      createdAt: now,
      createdBy: 'worker',
      updatedAt: now,
      updatedBy: 'worker',
      readers: ['role:coordinator'],
      direction: 'out',
      to: '+33639980201',
      text: 'Bonjour',
      purpose: 'ask',
      personId: null,
      relatedId: null,
      state: 'sent-to-gateway',
      history: [{ state: 'sent-to-gateway', at: now }],
      attempts: 1,
      notBefore: null,
      gateway: 'android',
      gatewayRef: 'message:out-k1',
      error: null,
    } as never);
    const sentAt = new Date(Date.now() - 2_000).toISOString();
    const deliveredAt = new Date(Date.now() - 1_000).toISOString();
    const ok1 = await hook({ event: 'sms:sent', payload: { messageId: 'message:out-k1', sentAt } });
    const ok2 = await hook({
      event: 'sms:delivered',
      payload: { messageId: 'message:out-k1', deliveredAt },
    });
    expect([ok1.status, ok2.status]).toEqual([200, 200]);
    const doc = (await messages('out')).find((m) => m._id === 'message:out-k1')!;
    expect(doc.state).toBe('delivered');
    expect((doc.history as { state: string; at: string }[]).slice(1)).toEqual([
      { state: 'sent', at: sentAt },
      { state: 'delivered', at: deliveredAt },
    ]);
  });

  it('for a message not known yet is refused for now, so that the phone sends it again', async () => {
    const recent = { messageId: 'message:not-yet', sentAt: new Date().toISOString() };
    expect((await hook({ event: 'sms:sent', payload: recent })).status).toBe(503);
    const old = { messageId: 'message:by-hand', sentAt: '2026-01-01T00:00:00Z' };
    expect((await hook({ event: 'sms:sent', payload: old })).status).toBe(200);
  });
});
