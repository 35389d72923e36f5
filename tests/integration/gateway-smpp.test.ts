// The SMPP gateway against the `smpp` package's own server standing in for an operator's SMSC,
// on a free loopback port: bind, submit_sm, deliver_sm, receipts, keepalive, reconnection.
import { systemClock } from '../../src/lib/clock';
import type { AddressInfo } from 'node:net';
import smpp, { type PDU, type Server, type Session } from 'smpp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSmppGateway, type SmppGateway } from '../../server/gateways/smpp';
import type { DeliveryReport, InboundSms } from '../../src/lib/server/shared/gateway';

interface FakeSmsc {
  readonly binds: PDU[];
  readonly submits: PDU[];
  readonly enquireLinks: number[];
  readonly unbinds: PDU[];
  /** What the next submit_sm_resp says (0 = accepted). */
  nextStatus: number[];
  sessions(): Session[];
  stop(): Promise<void>;
}

let port = 0;
let smsc: FakeSmsc;
let gateway: SmppGateway;
const inbound: InboundSms[] = [];
const reports: DeliveryReport[] = [];
let failSink = false;
const logs: string[] = [];

function startSmsc(listenPort: number): Promise<FakeSmsc> {
  const fake: Omit<FakeSmsc, 'sessions' | 'stop'> = {
    binds: [],
    submits: [],
    enquireLinks: [],
    unbinds: [],
    nextStatus: [],
  };
  let counter = 0;
  const server: Server = smpp.createServer((session) => {
    session.on('bind_transceiver', (pdu: PDU) => {
      fake.binds.push(pdu);
      const ok = pdu.system_id === 'maillage' && pdu.password === 'secret';
      session.send(pdu.response(ok ? { system_id: 'fake-smsc' } : { command_status: 0x0e }));
    });
    session.on('submit_sm', (pdu: PDU) => {
      fake.submits.push(pdu);
      const status = fake.nextStatus.shift() ?? 0;
      counter++;
      session.send(
        pdu.response(status ? { command_status: status } : { message_id: `m${counter}` }),
      );
    });
    session.on('enquire_link', (pdu: PDU) => {
      fake.enquireLinks.push(Date.now());
      session.send(pdu.response());
    });
    session.on('unbind', (pdu: PDU) => {
      fake.unbinds.push(pdu);
      session.send(pdu.response());
    });
    session.on('error', () => {});
  });
  return new Promise((resolve) => {
    server.listen(listenPort, '127.0.0.1', () => {
      port = (server.address() as AddressInfo).port;
      resolve({
        ...fake,
        sessions: () => server.sessions,
        stop: () =>
          new Promise<void>((done) => {
            for (const s of [...server.sessions]) s.destroy();
            server.close(() => done());
          }),
      } as FakeSmsc);
    });
  });
}

/** A deliver_sm from the SMSC, resolved with the deliver_sm_resp status. */
function deliver(fields: Record<string, unknown>): Promise<number> {
  const session = smsc.sessions()[0];
  if (!session) throw new Error('no session');
  return new Promise((resolve) =>
    session.send(new smpp.PDU('deliver_sm', fields), (resp) => resolve(resp.command_status)),
  );
}

async function waitFor(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  smsc = await startSmsc(0);
  gateway = createSmppGateway({
    url: `smpp://127.0.0.1:${port}`,
    systemId: 'maillage',
    password: 'secret',
    sourceAddr: 'Maillage',
    clock: systemClock,
    enquireLinkMs: 150,
    responseTimeoutMs: 1_000,
    reconnectInitialMs: 20,
    reconnectMaxMs: 100,
    log: (line) => logs.push(line),
  });
  await gateway.start({
    inbound: async (sms) => {
      if (failSink) throw new Error('database down');
      inbound.push(sms);
    },
    report: async (r) => {
      if (failSink) throw new Error('database down');
      reports.push(r);
    },
  });
  await waitFor(() => gateway.isBound(), 'the bind');
});

afterAll(async () => {
  await gateway.stop();
  await smsc.stop();
});

beforeEach(() => {
  inbound.length = 0;
  reports.length = 0;
  failSink = false;
});

describe('binding', () => {
  it('binds as a transceiver with the system id and password, SMPP 3.4', () => {
    expect(smsc.binds).toHaveLength(1);
    expect(smsc.binds[0]).toMatchObject({
      command: 'bind_transceiver',
      system_id: 'maillage',
      password: 'secret',
      interface_version: 0x34,
    });
  });

  it('keeps the link alive with enquire_link', async () => {
    const before = smsc.enquireLinks.length;
    await waitFor(() => smsc.enquireLinks.length >= before + 2, 'two enquire_link');
  });
});

describe('sending', () => {
  it('submits a GSM text with data_coding 0, the alphanumeric sender and a receipt request', async () => {
    const outcome = await gateway.send({
      id: 'message:a1',
      to: '+33612345678',
      text: 'Bonjour Jean, à demain 8h15 !',
    });
    expect(outcome).toEqual({ ok: true, gatewayRef: `m${smsc.submits.length}` });
    const pdu = smsc.submits.at(-1)!;
    expect(pdu).toMatchObject({
      source_addr: 'Maillage',
      source_addr_ton: 5,
      source_addr_npi: 0,
      destination_addr: '33612345678',
      dest_addr_ton: 1,
      dest_addr_npi: 1,
      registered_delivery: 1,
      data_coding: 0,
      esm_class: 0,
    });
    expect((pdu.short_message as { message: string }).message).toBe(
      'Bonjour Jean, à demain 8h15 !',
    );
  });

  it('submits a text outside the GSM alphabet as UCS-2 (data_coding 8)', async () => {
    const outcome = await gateway.send({
      id: 'message:a2',
      to: '+33612345678',
      text: 'Cœur de Causse 🚗',
    });
    expect(outcome.ok).toBe(true);
    const pdu = smsc.submits.at(-1)!;
    expect(pdu.data_coding).toBe(8);
    expect((pdu.short_message as { message: string }).message).toBe('Cœur de Causse 🚗');
  });

  it('splits a long text into parts with a concatenation UDH, known by the first part', async () => {
    const text = 'Trajet confirmé. '.repeat(20).trim();
    const before = smsc.submits.length;
    const outcome = await gateway.send({ id: 'message:a3', to: '+33612345678', text });
    const parts = smsc.submits.slice(before);
    expect(parts).toHaveLength(3);
    expect(outcome).toEqual({ ok: true, gatewayRef: `m${before + 1}` });
    const udhs = parts.map((p) => (p.short_message as { udh: Buffer[] }).udh[0]!);
    expect(udhs.map((u) => [u[0], u[1], u[3], u[4]])).toEqual([
      [0, 3, 3, 1],
      [0, 3, 3, 2],
      [0, 3, 3, 3],
    ]);
    expect(new Set(udhs.map((u) => u[2])).size).toBe(1);
    for (const p of parts) expect((p.esm_class as number) & 0x40).toBe(0x40);
    expect(parts.map((p) => (p.short_message as { message: string }).message).join('')).toBe(text);
  });

  it('maps a throttled submit to a retryable failure and a bad number to a final one', async () => {
    smsc.nextStatus.push(0x58, 0x0b);
    const throttled = await gateway.send({ id: 'message:a4', to: '+33612345678', text: 'x' });
    expect(throttled).toMatchObject({ ok: false, retryable: true });
    expect(throttled.ok === false && throttled.error).toContain('ESME_RTHROTTLED');
    const invalid = await gateway.send({ id: 'message:a5', to: '+33612345678', text: 'x' });
    expect(invalid).toMatchObject({ ok: false, retryable: false });
  });

  it('refuses a number that is not E.164 without retrying', async () => {
    const before = smsc.submits.length;
    expect(await gateway.send({ id: 'message:a6', to: '0612345678', text: 'x' })).toMatchObject({
      ok: false,
      retryable: false,
    });
    expect(smsc.submits.length).toBe(before);
  });
});

describe('receiving', () => {
  it('turns a deliver_sm into an inbound SMS from an E.164 number and acknowledges it', async () => {
    const status = await deliver({
      source_addr_ton: 1,
      source_addr_npi: 1,
      source_addr: '33639980201',
      destination_addr: 'Maillage',
      short_message: 'Gramat Figeac mardi 9h',
    });
    expect(status).toBe(0);
    expect(inbound).toHaveLength(1);
    expect(inbound[0]).toMatchObject({ from: '+33639980201', text: 'Gramat Figeac mardi 9h' });
    expect(inbound[0]!.gatewayMessageId).toMatch(/^smpp-[0-9a-f]{32}$/);
    expect(Number.isNaN(Date.parse(inbound[0]!.receivedAt))).toBe(false);
  });

  it('joins a message that came in two parts', async () => {
    const udh = (i: number) => Buffer.from([0x05, 0x00, 0x03, 0x2a, 2, i]);
    await deliver({
      source_addr_ton: 1,
      source_addr: '33639980202',
      data_coding: 0,
      short_message: { udh: udh(2), message: 'fin du message' },
    });
    expect(inbound).toHaveLength(0);
    await deliver({
      source_addr_ton: 1,
      source_addr: '33639980202',
      data_coding: 0,
      short_message: { udh: udh(1), message: 'Début, ' },
    });
    expect(inbound.map((m) => m.text)).toEqual(['Début, fin du message']);
  });

  it('reports delivery receipts by the message_id of submit_sm_resp', async () => {
    await deliver({
      esm_class: 0x04,
      source_addr: '33612345678',
      short_message:
        'id:m1 sub:001 dlvrd:001 submit date:2611220800 done date:2611220801 stat:DELIVRD err:000 text:Bonjour',
    });
    await deliver({
      esm_class: 0x04,
      source_addr: '33612345678',
      short_message:
        'id:m2 sub:001 dlvrd:000 submit date:2611220800 done date:2611220900 stat:UNDELIV err:034',
    });
    expect(inbound).toEqual([]);
    expect(reports).toMatchObject([
      { gatewayRef: 'm1', state: 'delivered' },
      { gatewayRef: 'm2', state: 'failed', error: 'UNDELIV (err 034)' },
    ]);
  });

  it('answers a temporary error when the message cannot be recorded, so the SMSC retries', async () => {
    failSink = true;
    const status = await deliver({
      source_addr_ton: 1,
      source_addr: '33639980203',
      short_message: 'OUI',
    });
    expect(status).toBe(0x64);
    failSink = false;
    expect(
      await deliver({ source_addr_ton: 1, source_addr: '33639980203', short_message: 'OUI' }),
    ).toBe(0);
    expect(inbound.map((m) => m.text)).toEqual(['OUI']);
  });
});

describe('losing the SMSC', () => {
  it('fails sends as retryable while it is down, then reconnects and sends when it is back', async () => {
    const bindsBefore = smsc.binds.length;
    await smsc.stop();
    await waitFor(() => !gateway.isBound(), 'the disconnection');
    const down = await gateway.send({ id: 'message:b1', to: '+33612345678', text: 'Bonjour' });
    expect(down).toMatchObject({ ok: false, retryable: true });
    // Let a few reconnection attempts fail against the closed port.
    await new Promise((r) => setTimeout(r, 150));
    smsc = await startSmsc(port);
    await waitFor(() => gateway.isBound(), 'the new bind');
    expect(smsc.binds.length + bindsBefore).toBeGreaterThan(bindsBefore);
    const back = await gateway.send({ id: 'message:b1', to: '+33612345678', text: 'Bonjour' });
    expect(back).toEqual({ ok: true, gatewayRef: 'm1' });
    expect(smsc.submits).toHaveLength(1);
    expect(logs.some((l) => l.includes('reconnecting in'))).toBe(true);
  });

  it('unbinds when stopped', async () => {
    await gateway.stop();
    expect(smsc.unbinds).toHaveLength(1);
    expect(gateway.isBound()).toBe(false);
    await gateway.start({ inbound: async () => {}, report: async () => {} });
    await waitFor(() => gateway.isBound(), 'the bind after restart');
  });
});

describe('an SMSC that misbehaves', () => {
  /** A server that binds whoever comes but can be told to go silent. */
  async function silentSmsc(options: { refuseBind?: boolean }) {
    const state = { binds: 0, silent: false };
    const server: Server = smpp.createServer((session) => {
      session.on('error', () => {});
      session.on('bind_transceiver', (pdu: PDU) => {
        state.binds++;
        session.send(pdu.response(options.refuseBind ? { command_status: 0x0e } : {}));
      });
      session.on('enquire_link', (pdu: PDU) => {
        if (!state.silent) session.send(pdu.response());
      });
      session.on('submit_sm', () => {});
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `smpp://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const stop = () =>
      new Promise<void>((done) => {
        for (const s of [...server.sessions]) s.destroy();
        server.close(() => done());
      });
    return { state, url, stop };
  }

  const gatewayFor = (url: string) =>
    createSmppGateway({
      url,
      systemId: 'maillage',
      password: 'wrong',
      sourceAddr: '+33639980100',
      clock: systemClock,
      enquireLinkMs: 100,
      responseTimeoutMs: 200,
      reconnectInitialMs: 20,
      reconnectMaxMs: 40,
      log: () => {},
    });
  const sink = { inbound: async () => {}, report: async () => {} };

  it('keeps trying to bind after a refusal, and sends fail as retryable meanwhile', async () => {
    const fake = await silentSmsc({ refuseBind: true });
    const g = gatewayFor(fake.url);
    await g.start(sink);
    await waitFor(() => fake.state.binds >= 3, 'three bind attempts');
    expect(g.isBound()).toBe(false);
    expect(await g.send({ id: 'message:c1', to: '+33612345678', text: 'x' })).toMatchObject({
      ok: false,
      retryable: true,
    });
    await g.stop();
    await fake.stop();
  });

  it('reconnects when enquire_link goes unanswered', async () => {
    const fake = await silentSmsc({});
    const g = gatewayFor(fake.url);
    await g.start(sink);
    await waitFor(() => g.isBound(), 'the bind');
    fake.state.silent = true;
    await waitFor(() => fake.state.binds >= 2, 'a new bind after the silence');
    await g.stop();
    await fake.stop();
  });

  it('says the outcome is unknown, and retryable, when submit_sm gets no answer', async () => {
    const fake = await silentSmsc({});
    const g = gatewayFor(fake.url);
    await g.start(sink);
    await waitFor(() => g.isBound(), 'the bind');
    const outcome = await g.send({ id: 'message:c2', to: '+33612345678', text: 'x' });
    expect(outcome).toMatchObject({ ok: false, retryable: true });
    expect(outcome.ok === false && outcome.error).toMatch(/outcome unknown/);
    await g.stop();
    await fake.stop();
  });
});
