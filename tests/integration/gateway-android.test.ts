// The SMS Gateway for Android adapter against a loopback HTTP server standing in for the
// gateway's REST API (cloud, private server or the phone's local server): what it sends, and
// what each answer means for the outbox.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { androidMessageId, createAndroidGateway } from '../../server/gateways/android';
import type { SmsGateway } from '../../src/lib/server/shared/gateway';

interface Seen {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: unknown;
}

let server: Server;
let baseUrl = '';
const seen: Seen[] = [];
/** Answers for the next requests: status and body, or 'hang' to never answer. */
let script: ({ status: number; body?: unknown } | 'hang')[] = [];
const ids = new Set<string>();

beforeAll(async () => {
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => {
      const body = data ? JSON.parse(data) : null;
      seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body });
      const next = script.shift();
      if (next === 'hang') return;
      let status = next?.status ?? 202;
      let answer = next?.body;
      if (!next && req.url?.startsWith('/3rdparty/v1/message') && body) {
        // Like the real server: a second message with the same id is a 409 conflict.
        if (ids.has(body.id)) {
          status = 409;
          answer = { message: 'duplicate id' };
        } else {
          ids.add(body.id);
          answer = { id: body.id, state: 'Pending', recipients: [] };
        }
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(answer === undefined ? '' : JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/3rdparty/v1`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  seen.length = 0;
  script = [];
});

const gatewayAt = (url: string, timeoutMs = 2_000): SmsGateway =>
  createAndroidGateway({
    baseUrl: url,
    login: 'maillage',
    password: 'mot-de-passe',
    timeoutMs,
    log: () => {},
  });

describe('sending', () => {
  it('posts the message with our idempotency key as its id, Basic auth and a delivery report', async () => {
    const outcome = await gatewayAt(baseUrl).send({
      id: 'message:Zk81qP',
      to: '+33639980201',
      text: 'Jean vous prend mardi 24/11 à 8h05 à Gramat. Répondez OUI ou NON',
    });
    expect(outcome).toEqual({ ok: true, gatewayRef: 'message:Zk81qP' });
    expect(seen).toHaveLength(1);
    const [req] = seen;
    expect(req!.method).toBe('POST');
    expect(req!.path).toBe('/3rdparty/v1/message');
    expect(req!.headers.authorization).toBe(
      `Basic ${Buffer.from('maillage:mot-de-passe').toString('base64')}`,
    );
    expect(req!.headers['content-type']).toBe('application/json');
    expect(req!.body).toEqual({
      id: 'message:Zk81qP',
      message: 'Jean vous prend mardi 24/11 à 8h05 à Gramat. Répondez OUI ou NON',
      phoneNumbers: ['+33639980201'],
      withDeliveryReport: true,
    });
  });

  it('takes a resend of the same message, refused by the gateway as a duplicate, as sent', async () => {
    const gateway = gatewayAt(baseUrl);
    const sms = { id: 'message:resend01', to: '+33639980201', text: 'Bonjour' };
    expect(await gateway.send(sms)).toEqual({ ok: true, gatewayRef: 'message:resend01' });
    expect(await gateway.send(sms)).toEqual({ ok: true, gatewayRef: 'message:resend01' });
    expect(seen.map((s) => (s.body as { id: string }).id)).toEqual([
      'message:resend01',
      'message:resend01',
    ]);
  });

  it('gives a key longer than the API accepts a short id of its own, the same every time', async () => {
    const key = `message:${'x'.repeat(60)}`;
    await gatewayAt(baseUrl).send({ id: key, to: '+33639980201', text: 'a' });
    const sent = (seen[0]!.body as { id: string }).id;
    expect(sent.length).toBeLessThanOrEqual(36);
    expect(sent).toBe(androidMessageId(key));
    expect(androidMessageId(`message:${'y'.repeat(60)}`)).not.toBe(sent);
  });

  it('retries after 5xx, 429, a timeout or an unreachable gateway, not after other 4xx', async () => {
    const gateway = gatewayAt(baseUrl, 300);
    const sms = (n: number) => ({ id: `message:r${n}`, to: '+33639980201', text: 'x' });
    script = [
      { status: 500, body: { message: 'failed to handle request' } },
      { status: 503, body: { message: 'queue limits exceeded' } },
      { status: 429 },
      'hang',
      { status: 400, body: { message: 'invalid phone number' } },
      { status: 401, body: { message: 'Unauthorized' } },
    ];
    const outcomes = [];
    for (let n = 0; n < 6; n++) outcomes.push(await gateway.send(sms(n)));
    expect(outcomes.map((o) => (o.ok ? 'ok' : o.retryable))).toEqual([
      true,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(outcomes[4]).toMatchObject({ error: expect.stringContaining('invalid phone number') });

    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await gatewayAt(`http://127.0.0.1:${port}`).send(sms(9))).toMatchObject({
      ok: false,
      retryable: true,
      error: expect.stringContaining('ECONNREFUSED'),
    });
  });
});

describe('starting', () => {
  it('registers the four webhooks with fixed ids when a webhook URL is given', async () => {
    const gateway = createAndroidGateway({
      baseUrl,
      login: 'maillage',
      password: 'mot-de-passe',
      webhookUrl: 'https://maillage.example.org/api/sms/android',
      log: () => {},
    });
    script = [1, 2, 3, 4].map(() => ({ status: 201, body: {} }));
    await gateway.start({ inbound: async () => {}, report: async () => {} });
    await gateway.webhooksRegistered;
    expect(seen.map((s) => [s.method, s.path, s.body])).toEqual(
      ['sms:received', 'sms:sent', 'sms:delivered', 'sms:failed'].map((event) => [
        'POST',
        '/3rdparty/v1/webhooks',
        {
          id: `maillage-${event.replace(':', '-')}`,
          event,
          url: 'https://maillage.example.org/api/sms/android',
        },
      ]),
    );
  });

  it('starts at once and keeps going when the gateway does not answer the registration', async () => {
    const gateway = createAndroidGateway({
      baseUrl,
      login: 'maillage',
      password: 'mot-de-passe',
      webhookUrl: 'https://maillage.example.org/api/sms/android',
      timeoutMs: 100,
      log: () => {},
    });
    script = [1, 2, 3, 4].map(() => 'hang' as const);
    const started = Date.now();
    await gateway.start({ inbound: async () => {}, report: async () => {} });
    expect(Date.now() - started).toBeLessThan(100);
    await expect(gateway.webhooksRegistered).resolves.toBeUndefined();
    expect(seen).toHaveLength(4);
  });
});
