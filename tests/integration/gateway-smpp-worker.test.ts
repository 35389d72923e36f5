// The whole loop through SMPP: an SMS from a phone reaches the worker as a deliver_sm, the answer
// leaves as a submit_sm, its receipt marks it delivered; while the SMSC is down the outbox keeps
// the SMS and it leaves once, when the SMSC is back.
import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Server } from 'smpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COORDINATORS } from '../../src/lib/domain/documents';
import { createSmppGateway, type SmppGateway } from '../../server/gateways/smpp';
import { startWorker, type RunningWorker } from '../../server/worker';
import { startTestCouch, type TestCouch } from './support/couch';
import { TestClock } from './worker-world';

interface Smsc {
  readonly submits: PDU[];
  server: Server;
}

let couch: TestCouch;
let smsc: Smsc;
let port = 0;
let gateway: SmppGateway;
let worker: RunningWorker;
const clock = new TestClock(new Date('2026-11-23T18:00:00Z'));
const logs: string[] = [];

function listen(s: Smsc, listenPort: number): Promise<void> {
  let counter = 0;
  s.server = smpp.createServer((session) => {
    session.on('error', () => {});
    session.on('bind_transceiver', (pdu: PDU) => session.send(pdu.response()));
    session.on('enquire_link', (pdu: PDU) => session.send(pdu.response()));
    session.on('unbind', (pdu: PDU) => session.send(pdu.response()));
    session.on('submit_sm', (pdu: PDU) => {
      s.submits.push(pdu);
      session.send(pdu.response({ message_id: `smsc-${listenPort}-${++counter}` }));
    });
  });
  return new Promise((resolve) =>
    s.server.listen(listenPort, '127.0.0.1', () => {
      port = (s.server.address() as AddressInfo).port;
      resolve();
    }),
  );
}

function closeSmsc(): Promise<void> {
  return new Promise((done) => {
    for (const s of [...smsc.server.sessions]) s.destroy();
    smsc.server.close(() => done());
  });
}

function deliver(fields: Record<string, unknown>): Promise<number> {
  const session = smsc.server.sessions[0]!;
  return new Promise((resolve) =>
    session.send(new smpp.PDU('deliver_sm', fields), (r) => resolve(r.command_status)),
  );
}

async function waitFor(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function messages(direction: 'in' | 'out') {
  const all = await couch.couch.use(couch.dbName).list({ include_docs: true });
  return all.rows
    .map((r) => r.doc as unknown as Record<string, unknown>)
    .filter((d) => d.type === 'message' && d.direction === direction);
}

const textOf = (pdu: PDU) => (pdu.short_message as { message: string }).message;

beforeAll(async () => {
  couch = await startTestCouch();
  smsc = { submits: [], server: null as unknown as Server };
  await listen(smsc, 0);
  gateway = createSmppGateway({
    url: `smpp://127.0.0.1:${port}`,
    systemId: 'maillage',
    password: 'secret',
    sourceAddr: 'Maillage',
    clock,
    enquireLinkMs: 200,
    reconnectInitialMs: 20,
    reconnectMaxMs: 100,
    log: (line) => logs.push(line),
  });
  worker = await startWorker({
    couchUrl: couch.url,
    dbName: couch.dbName,
    gateway,
    clock,
    autoRun: false,
    retryDelayMs: 1,
    log: (line) => logs.push(line),
  });
  await waitFor(() => gateway.isBound(), 'the bind');
});

afterAll(async () => {
  await worker?.stop();
  await closeSmsc();
  await couch?.stop();
});

describe('the worker with the SMPP gateway', () => {
  it('answers an SMS received by deliver_sm with a submit_sm, then records its receipt', async () => {
    const status = await deliver({
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: '33639980299',
      destination_addr: 'Maillage',
      short_message: 'AIDE',
    });
    expect(status).toBe(0);
    expect((await messages('in')).map((m) => [m.from, m.text, m.gateway])).toEqual([
      ['+33639980299', 'AIDE', 'smpp'],
    ]);
    await worker.runOnce();
    await worker.runOnce();
    expect(smsc.submits.map((p) => p.destination_addr)).toEqual(['33639980299']);
    expect(textOf(smsc.submits[0]!)).toMatch(/\w/);
    const [out] = await messages('out');
    expect(out).toMatchObject({ to: '+33639980299', state: 'sent', gateway: 'smpp' });

    await deliver({
      esm_class: 0x04,
      source_addr: '33639980299',
      short_message: `id:${String(out!.gatewayRef)} sub:001 dlvrd:001 submit date:2611231800 done date:2611231800 stat:DELIVRD err:000 text:`,
    });
    const [after] = await messages('out');
    expect(after).toMatchObject({ state: 'delivered' });
  });

  it('keeps an SMS while the SMSC is down and sends it once when it is back', async () => {
    await closeSmsc();
    await waitFor(() => !gateway.isBound(), 'the disconnection');
    const now = clock.now().toISOString();
    await couch.couch.use(couch.dbName).insert({
      _id: 'message:reply-down-1',
      type: 'message',
      schema: 1,
      createdAt: now,
      createdBy: 'worker',
      updatedAt: now,
      updatedBy: 'worker',
      readers: [COORDINATORS],
      direction: 'out',
      to: '+33639980299',
      text: 'Votre trajet de demain est confirmé.',
      purpose: 'reply',
      personId: null,
      relatedId: null,
      state: 'pending',
      history: [{ state: 'pending', at: now }],
      attempts: 0,
      notBefore: null,
      gateway: null,
      gatewayRef: null,
      error: null,
    } as never);
    await worker.runOnce();
    const waiting = (await messages('out')).find((m) => m._id === 'message:reply-down-1')!;
    expect(waiting).toMatchObject({ state: 'pending', attempts: 1 });
    expect(String(waiting.error)).toMatch(/not bound/);

    const before = smsc.submits.length;
    await listen(smsc, port);
    await waitFor(() => gateway.isBound(), 'the new bind');
    clock.advance(5);
    await worker.runOnce();
    await worker.runOnce();
    const sent = (await messages('out')).find((m) => m._id === 'message:reply-down-1')!;
    expect(sent).toMatchObject({ state: 'sent', attempts: 2 });
    const again = smsc.submits.slice(before).filter((p) => textOf(p).includes('confirmé'));
    expect(again).toHaveLength(1);
  });
});
