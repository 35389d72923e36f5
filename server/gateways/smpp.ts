// SMPP gateway (npm `smpp`): one bind_transceiver session to the operator's SMSC, submit_sm
// out, deliver_sm in (messages and delivery receipts), enquire_link keepalive, reconnection with
// backoff. While unbound, send() fails as retryable and the worker's outbox keeps the message.
import { randomInt } from 'node:crypto';
import smpp, { type PDU, type Session } from 'smpp';
import type { Clock } from '../../src/lib/clock';
import type {
  DeliveryReport,
  GatewaySink,
  OutgoingSms,
  SendOutcome,
  SmsGateway,
} from '../../src/lib/server/shared/gateway';
import {
  DATA_CODING_GSM7,
  DATA_CODING_IA5,
  PartsAssembler,
  deliveredText,
  destinationAddress,
  encodeGsm7,
  encodeOutgoing,
  inboundId,
  inboundSender,
  isReceipt,
  parseReceipt,
  partFromUdh,
  sourceAddress,
  type LongMessageMode,
  type SmppAddress,
} from './smpp-codec';

export interface SmppGatewayOptions {
  /** smpp://host:port, or ssmpp://host:port for TLS. */
  readonly url: string;
  readonly systemId: string;
  readonly password: string;
  readonly systemType?: string;
  /** "Maillage" (alphanumeric sender) or a number; see sourceAddress(). */
  readonly sourceAddr: string;
  readonly longMessages?: LongMessageMode;
  /** Ask the SMSC for delivery receipts (registered_delivery 1). Default true. */
  readonly deliveryReceipts?: boolean;
  readonly enquireLinkMs?: number;
  /** How long to wait for a response PDU (bind, submit, enquire_link). */
  readonly responseTimeoutMs?: number;
  readonly reconnectInitialMs?: number;
  readonly reconnectMaxMs?: number;
  /** How long the parts of a split inbound message wait for each other. */
  readonly partsTimeoutMs?: number;
  /** What time it is (receipts and inbound SMS are stamped with it). */
  readonly clock: Clock;
  readonly log?: (line: string) => void;
}

export interface SmppGateway extends SmsGateway {
  /** True while bound to the SMSC. */
  isBound(): boolean;
}

/** submit_sm_resp statuses worth retrying: the SMSC is busy or failing, not refusing the SMS. */
const RETRYABLE_STATUSES = new Set([
  0x04, // ESME_RINVBNDSTS: the session is not bound (yet)
  0x08, // ESME_RSYSERR
  0x14, // ESME_RMSGQFUL
  0x45, // ESME_RSUBMITFAIL
  0x58, // ESME_RTHROTTLED
  0x64, // ESME_RX_T_APPN
  0xfe, // ESME_RDELIVERYFAILURE
]);
const ESME_RX_T_APPN = 0x64;

type Resp = { readonly pdu: PDU } | { readonly lost: string };

export function createSmppGateway(options: SmppGatewayOptions): SmppGateway {
  const now = () => options.clock.now().getTime();
  const log = options.log ?? ((line: string) => console.warn(`[smpp] ${line}`));
  const source: SmppAddress = sourceAddress(options.sourceAddr);
  const mode = options.longMessages ?? 'udh';
  const responseTimeoutMs = options.responseTimeoutMs ?? 10_000;
  const enquireLinkMs = options.enquireLinkMs ?? 30_000;
  const reconnectInitialMs = options.reconnectInitialMs ?? 1_000;
  const reconnectMaxMs = options.reconnectMaxMs ?? 60_000;
  const assembler = new PartsAssembler(options.partsTimeoutMs ?? 120_000);
  // Receipts come per part; a split message is known by its first part's message_id.
  const firstPartOf = new Map<string, string>();
  const FIRST_PART_MEMORY = 10_000;

  let sink: GatewaySink | null = null;
  let session: Session | null = null;
  let bound = false;
  let stopped = true;
  let attempt = 0;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let keepaliveTimer: NodeJS.Timeout | null = null;
  let reference = randomInt(256);
  const pending = new Map<Session, Set<(r: Resp) => void>>();

  function request(s: Session, command: string, fields: Record<string, unknown>) {
    return new Promise<Resp>((resolve) => {
      const waiters = pending.get(s) ?? new Set();
      pending.set(s, waiters);
      const done = (r: Resp) => {
        clearTimeout(timer);
        waiters.delete(done);
        resolve(r);
      };
      const timer = setTimeout(
        () => done({ lost: `no ${command}_resp within ${responseTimeoutMs} ms` }),
        responseTimeoutMs,
      );
      waiters.add(done);
      if (!s.send(new smpp.PDU(command, fields), (pdu) => done({ pdu }))) {
        done({ lost: 'connection closed' });
      }
    });
  }

  function connect(): void {
    reconnectTimer = null;
    if (stopped) return;
    const s = smpp.connect({ url: options.url });
    session = s;
    s.on('connect', () => void bind(s));
    s.on('secureConnect', () => void bind(s));
    s.on('error', (err: Error) => {
      log(`connection error: ${err.message}`);
      s.destroy();
    });
    s.on('close', () => disconnected(s));
    s.on('enquire_link', (pdu: PDU) => s.send(pdu.response()));
    s.on('unbind', (pdu: PDU) => {
      log('the SMSC unbound the session');
      bound = false;
      s.send(pdu.response(), () => s.close());
    });
    s.on('deliver_sm', (pdu: PDU) => void delivered(s, pdu));
  }

  async function bind(s: Session): Promise<void> {
    const r = await request(s, 'bind_transceiver', {
      system_id: options.systemId,
      password: options.password,
      system_type: options.systemType ?? '',
      interface_version: 0x34,
    });
    if (session !== s) return;
    if ('lost' in r || r.pdu.command_status !== 0) {
      log(`bind_transceiver failed: ${'lost' in r ? r.lost : statusName(r.pdu.command_status)}`);
      s.destroy();
      return;
    }
    bound = true;
    attempt = 0;
    log(`bound to ${options.url} as ${options.systemId}`);
    keepaliveTimer = setInterval(() => void keepalive(s), enquireLinkMs);
  }

  async function keepalive(s: Session): Promise<void> {
    const r = await request(s, 'enquire_link', {});
    if ('lost' in r && session === s) {
      log(`enquire_link unanswered (${r.lost}): reconnecting`);
      s.destroy();
    }
    for (const late of assembler.expire(now())) {
      await deliverInbound(late.sender, source.addr, late.text).catch((err: unknown) =>
        log(`an incomplete split message was not recorded: ${describe(err)}`),
      );
    }
  }

  function disconnected(s: Session): void {
    for (const done of pending.get(s) ?? []) done({ lost: 'connection lost' });
    pending.delete(s);
    if (session !== s) return;
    session = null;
    bound = false;
    if (keepaliveTimer) clearInterval(keepaliveTimer);
    keepaliveTimer = null;
    if (stopped) return;
    const delay = Math.min(reconnectInitialMs * 2 ** attempt, reconnectMaxMs);
    attempt++;
    log(`disconnected; reconnecting in ${delay} ms`);
    reconnectTimer = setTimeout(connect, delay);
  }

  async function delivered(s: Session, pdu: PDU): Promise<void> {
    let status = 0;
    try {
      const esmClass = typeof pdu.esm_class === 'number' ? pdu.esm_class : 0;
      const { text, udh } = deliveredText(pdu);
      if (isReceipt(esmClass) || typeof pdu.receipted_message_id === 'string') {
        await deliverReport(pdu, text);
      } else {
        const from = inboundSender(String(pdu.source_addr ?? ''), Number(pdu.source_addr_ton));
        const part = partFromUdh(udh) ?? sarPart(pdu);
        const whole = part ? assembler.add(from, part, text, now()) : text;
        if (whole !== null) await deliverInbound(from, String(pdu.destination_addr ?? ''), whole);
      }
    } catch (err) {
      // Not acknowledged as received: the SMSC keeps the message and delivers it again.
      log(`deliver_sm not recorded, answered with a temporary error: ${describe(err)}`);
      status = ESME_RX_T_APPN;
    }
    s.send(pdu.response(status ? { command_status: status } : {}));
  }

  async function deliverReport(pdu: PDU, text: string): Promise<void> {
    const ascii =
      pdu.data_coding === DATA_CODING_GSM7 || pdu.data_coding === DATA_CODING_IA5
        ? encodeGsm7(text).toString('latin1')
        : text;
    const receipt = parseReceipt({
      text: ascii,
      receiptedMessageId: pdu.receipted_message_id,
      messageState: pdu.message_state,
    });
    if (!receipt || !receipt.state) return;
    const first = firstPartOf.get(receipt.messageId);
    // For a later part only a failure says something the first part's receipt does not.
    if (first && receipt.state !== 'failed') return;
    const report: DeliveryReport = {
      gatewayRef: first ?? receipt.messageId,
      state: receipt.state,
      at: new Date(now()).toISOString(),
      ...(receipt.error ? { error: receipt.error } : {}),
    };
    if (!sink) throw new Error('gateway not started');
    await sink.report(report);
  }

  async function deliverInbound(from: string, to: string, text: string): Promise<void> {
    if (!sink) throw new Error('gateway not started');
    const receivedAt = new Date(now()).toISOString();
    await sink.inbound({
      gatewayMessageId: inboundId(from, to, text, receivedAt),
      from,
      text,
      receivedAt,
    });
  }

  async function send(sms: OutgoingSms): Promise<SendOutcome> {
    const dest = destinationAddress(sms.to);
    if (!dest) return { ok: false, retryable: false, error: `Not an E.164 number: ${sms.to}` };
    const s = session;
    if (!s || !bound) {
      return { ok: false, retryable: true, error: 'SMPP: not bound to the SMSC (reconnecting)' };
    }
    reference = (reference + 1) % 256;
    const parts = encodeOutgoing(sms.text, mode, reference);
    const ids: string[] = [];
    for (const part of parts) {
      const r = await request(s, 'submit_sm', {
        source_addr_ton: source.ton,
        source_addr_npi: source.npi,
        source_addr: source.addr,
        dest_addr_ton: dest.ton,
        dest_addr_npi: dest.npi,
        destination_addr: dest.addr,
        registered_delivery: options.deliveryReceipts === false ? 0 : 1,
        ...part,
      });
      if ('lost' in r) {
        // The SMSC may have taken it: a retry can duplicate, but never losing it matters more.
        return { ok: false, retryable: true, error: `SMPP: ${r.lost} (outcome unknown)` };
      }
      const status = r.pdu.command_status;
      if (status !== 0) {
        return {
          ok: false,
          retryable: RETRYABLE_STATUSES.has(status),
          error: `SMPP submit_sm refused: ${statusName(status)}`,
        };
      }
      ids.push(String(r.pdu.message_id ?? ''));
    }
    const first = ids[0] ?? '';
    for (const id of ids.slice(1)) remember(id, first);
    return { ok: true, gatewayRef: first };
  }

  function remember(partId: string, first: string): void {
    firstPartOf.set(partId, first);
    if (firstPartOf.size > FIRST_PART_MEMORY) {
      const oldest = firstPartOf.keys().next().value;
      if (oldest !== undefined) firstPartOf.delete(oldest);
    }
  }

  async function stop(): Promise<void> {
    stopped = true;
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    if (keepaliveTimer) clearInterval(keepaliveTimer);
    keepaliveTimer = null;
    const s = session;
    if (!s) return;
    if (bound) await request(s, 'unbind', {});
    bound = false;
    await new Promise<void>((resolve) => {
      if (s.socket.destroyed) return resolve();
      s.socket.once('close', () => resolve());
      s.destroy();
    });
  }

  return {
    name: 'smpp',
    async start(s: GatewaySink) {
      sink = s;
      if (!stopped) return;
      stopped = false;
      attempt = 0;
      connect();
    },
    send,
    stop,
    isBound: () => bound,
  };
}

function sarPart(pdu: PDU) {
  const reference = pdu.sar_msg_ref_num;
  const total = pdu.sar_total_segments;
  const index = pdu.sar_segment_seqnum;
  return typeof reference === 'number' && typeof total === 'number' && typeof index === 'number'
    ? { reference, total, index }
    : null;
}

function statusName(status: number): string {
  const name = Object.entries(smpp.errors).find(([, code]) => code === status)?.[0];
  return `${name ?? 'status'} 0x${status.toString(16).padStart(4, '0')}`;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
