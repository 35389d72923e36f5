// What goes into and comes out of SMPP PDUs, with no connection: text encoding and splitting,
// addresses, delivery receipts and the reassembly of inbound messages sent in several parts.
import { createHash } from 'node:crypto';
import smpp from 'smpp';
import { isGsm7 } from '../../src/lib/domain/sms-templates/segments';

export const DATA_CODING_GSM7 = 0x00;
export const DATA_CODING_IA5 = 0x01;
export const DATA_CODING_UCS2 = 0x08;
export const ESM_CLASS_UDHI = 0x40;

const GSM_EXTENSION = new Set('\f^{}\\[~]|€');
const MAX_PARTS = 255;

/** How a text longer than one SMS is sent: concatenated parts with a UDH, or one PDU whose
 * message_payload the SMSC splits itself (not every SMSC accepts it). */
export type LongMessageMode = 'udh' | 'payload';

export interface SubmitFields {
  readonly short_message: Buffer;
  readonly message_payload?: Buffer;
  readonly data_coding: number;
  readonly esm_class: number;
}

/**
 * The submit_sm bodies for one text: GSM 7-bit (data_coding 0, unpacked septets) when every
 * character is in the GSM alphabet, else UCS-2 (data_coding 8). `reference` (0–255) ties the
 * parts of a split message together.
 */
export function encodeOutgoing(
  text: string,
  mode: LongMessageMode,
  reference: number,
): SubmitFields[] {
  const gsm = isGsm7(text);
  const dataCoding = gsm ? DATA_CODING_GSM7 : DATA_CODING_UCS2;
  const encode = gsm ? encodeGsm7 : encodeUcs2;
  const single = gsm ? 160 : 70;
  const perPart = gsm ? 153 : 67;
  const chars = [...text];
  const unitsOf = (ch: string) => (gsm ? (GSM_EXTENSION.has(ch) ? 2 : 1) : ch.length);
  const total = chars.reduce((sum, ch) => sum + unitsOf(ch), 0);

  if (total <= single) {
    return [{ short_message: encode(text), data_coding: dataCoding, esm_class: 0 }];
  }
  if (mode === 'payload') {
    return [
      {
        short_message: Buffer.alloc(0),
        message_payload: encode(text),
        data_coding: dataCoding,
        esm_class: 0,
      },
    ];
  }
  // Cut on whole characters, so that neither a GSM escape pair nor a surrogate pair is split.
  const chunks: string[] = [];
  let current = '';
  let units = 0;
  for (const ch of chars) {
    const u = unitsOf(ch);
    if (units + u > perPart) {
      chunks.push(current);
      current = '';
      units = 0;
    }
    current += ch;
    units += u;
  }
  if (current) chunks.push(current);
  if (chunks.length > MAX_PARTS) throw new RangeError(`Text too long: ${chunks.length} parts`);
  return chunks.map((chunk, i) => ({
    short_message: withUdh(concatUdh(reference, chunks.length, i + 1), encode(chunk)),
    data_coding: dataCoding,
    esm_class: ESM_CLASS_UDHI,
  }));
}

/** UDH with the 8-bit concatenation element: length 5, IEI 0, IE length 3, ref, total, index. */
export function concatUdh(reference: number, total: number, index: number): Buffer {
  return Buffer.from([0x05, 0x00, 0x03, reference & 0xff, total, index]);
}

function withUdh(udh: Buffer, body: Buffer): Buffer {
  const out = Buffer.alloc(udh.length + body.length);
  out.set(udh, 0);
  out.set(body, udh.length);
  return out;
}

export function encodeGsm7(text: string): Buffer {
  return smpp.gsmCoder.encode(text, 0);
}

export function encodeUcs2(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

export interface SmppAddress {
  readonly addr: string;
  readonly ton: number;
  readonly npi: number;
}

/** An E.164 number as an international ISDN address ("+33612345678" → "33612345678", 1, 1). */
export function destinationAddress(e164: string): SmppAddress | null {
  const m = /^\+([1-9]\d{6,14})$/.exec(e164.trim());
  return m?.[1] ? { addr: m[1], ton: 1, npi: 1 } : null;
}

/**
 * The sender shown on phones: letters make an alphanumeric sender (TON 5, at most 11
 * characters, e.g. "Maillage"), "+" or 8 digits and more an international number (TON 1, NPI 1),
 * fewer digits a short code (TON 3, NPI 0).
 */
export function sourceAddress(value: string): SmppAddress {
  const v = value.trim();
  if (/[^+\d]/.test(v)) {
    if (v.length > 11) throw new Error(`SMPP_SOURCE_ADDR "${v}": at most 11 characters`);
    return { addr: v, ton: 5, npi: 0 };
  }
  const digits = v.replace(/^\+/, '');
  if (!/^\d+$/.test(digits)) throw new Error(`SMPP_SOURCE_ADDR "${v}" is not a number or a name`);
  if (v.startsWith('+') || digits.length >= 8) return { addr: digits, ton: 1, npi: 1 };
  return { addr: digits, ton: 3, npi: 0 };
}

/** A sender as our documents write it: "+" added to international numbers. */
export function inboundSender(addr: string, ton: number): string {
  return ton === 1 && /^\d+$/.test(addr) ? `+${addr}` : addr;
}

export type ReceiptState = 'sent' | 'delivered' | 'failed';

export interface Receipt {
  /** The message_id the SMSC gave in its submit_sm_resp. */
  readonly messageId: string;
  /** null for states that say nothing final or useful (UNKNOWN, SCHEDULED…). */
  readonly state: ReceiptState | null;
  readonly stat: string;
  readonly error?: string;
}

/** esm_class message type bits: MC delivery receipt (0x04) or intermediate notification (0x20). */
export function isReceipt(esmClass: number): boolean {
  const type = esmClass & 0x3c;
  return type === 0x04 || type === 0x20;
}

const STAT_STATES: Readonly<Record<string, ReceiptState | null>> = {
  DELIVRD: 'delivered',
  ACCEPTD: 'sent',
  ENROUTE: 'sent',
  EXPIRED: 'failed',
  DELETED: 'failed',
  UNDELIV: 'failed',
  REJECTD: 'failed',
  UNKNOWN: null,
  SKIPPED: 'failed',
};

const MESSAGE_STATE_STATS: readonly string[] = [
  'SCHEDULED',
  'ENROUTE',
  'DELIVRD',
  'EXPIRED',
  'DELETED',
  'UNDELIV',
  'ACCEPTD',
  'UNKNOWN',
  'REJECTD',
  'SKIPPED',
];

/**
 * A delivery receipt, from the receipted_message_id and message_state TLVs when the SMSC sends
 * them (SMPP 3.4+), else from the text "id:… sub:… dlvrd:… submit date:… done date:… stat:…
 * err:…" of SMPP 3.4 appendix B.
 */
export function parseReceipt(fields: {
  readonly text: string;
  readonly receiptedMessageId?: unknown;
  readonly messageState?: unknown;
}): Receipt | null {
  const id =
    typeof fields.receiptedMessageId === 'string' && fields.receiptedMessageId
      ? fields.receiptedMessageId
      : /(?:^|\s)id:(\S+)/i.exec(fields.text)?.[1];
  let stat = /(?:^|\s)stat:([A-Za-z]+)/i.exec(fields.text)?.[1]?.toUpperCase();
  if (typeof fields.messageState === 'number' && MESSAGE_STATE_STATS[fields.messageState]) {
    stat = MESSAGE_STATE_STATS[fields.messageState];
  }
  if (!id || !stat) return null;
  const state = stat in STAT_STATES ? (STAT_STATES[stat] ?? null) : null;
  const err = /(?:^|\s)err:(\S+)/i.exec(fields.text)?.[1];
  const error =
    state === 'failed' ? `${stat}${err && !/^0+$/.test(err) ? ` (err ${err})` : ''}` : undefined;
  return { messageId: id, state, stat, ...(error ? { error } : {}) };
}

/** Where a part sits in a concatenated message, from the UDH or the sar_* TLVs. */
export interface PartInfo {
  readonly reference: number;
  readonly total: number;
  readonly index: number;
}

/** The concatenation element of a UDH given as the list of its elements (IEI, length, data). */
export function partFromUdh(elements: readonly Buffer[]): PartInfo | null {
  for (const ie of elements) {
    if (ie[0] === 0x00 && ie[1] === 3 && ie.length >= 5) {
      return { reference: ie[2]!, total: ie[3]!, index: ie[4]! };
    }
    if (ie[0] === 0x08 && ie[1] === 4 && ie.length >= 6) {
      return { reference: ie.readUInt16BE(2), total: ie[4]!, index: ie[5]! };
    }
  }
  return null;
}

/**
 * Parts of inbound messages waiting for the others. A message whose parts do not all arrive
 * within `maxAgeMs` is released with what came, the gaps marked "[…]": an incomplete text is
 * worth more to a coordinator than none.
 */
export class PartsAssembler {
  private readonly pending = new Map<
    string,
    { first: number; total: number; parts: Map<number, string> }
  >();

  constructor(private readonly maxAgeMs: number) {}

  /** The whole text once the last part is in, else null. */
  add(sender: string, part: PartInfo, text: string, now: number): string | null {
    if (part.total <= 1) return text;
    const key = `${sender}\u0000${part.reference}\u0000${part.total}`;
    let entry = this.pending.get(key);
    if (!entry) {
      entry = { first: now, total: part.total, parts: new Map() };
      this.pending.set(key, entry);
    }
    entry.parts.set(part.index, text);
    if (entry.parts.size < entry.total) return null;
    this.pending.delete(key);
    return join(entry.total, entry.parts);
  }

  /** Messages whose wait is over, with their sender. */
  expire(now: number): { sender: string; text: string }[] {
    const out: { sender: string; text: string }[] = [];
    for (const [key, entry] of this.pending) {
      if (now - entry.first < this.maxAgeMs) continue;
      this.pending.delete(key);
      out.push({ sender: key.split('\u0000')[0]!, text: join(entry.total, entry.parts) });
    }
    return out;
  }

  get size(): number {
    return this.pending.size;
  }
}

function join(total: number, parts: ReadonlyMap<number, string>): string {
  let text = '';
  for (let i = 1; i <= total; i++) text += parts.get(i) ?? '[…]';
  return text;
}

/** An inbound message's id for deduplication: the same reception always gives the same id. */
export function inboundId(from: string, to: string, text: string, receivedAt: string): string {
  const h = createHash('sha256').update(`${from}\u0000${to}\u0000${text}\u0000${receivedAt}`);
  return `smpp-${h.digest('hex').slice(0, 32)}`;
}

/** The text of a deliver_sm (short_message or message_payload, already decoded by `smpp`). */
export function deliveredText(pdu: Readonly<Record<string, unknown>>): {
  readonly text: string;
  readonly udh: readonly Buffer[];
} {
  const sm = decoded(pdu.short_message);
  const payload = decoded(pdu.message_payload);
  const chosen = sm.text === '' && payload.text !== '' ? payload : sm;
  let text = chosen.text;
  // `smpp` reads data_coding 1 (IA5, ASCII) with the GSM table; read the octets as ASCII.
  if (pdu.data_coding === DATA_CODING_IA5) text = encodeGsm7(text).toString('latin1');
  return { text, udh: chosen.udh };
}

function decoded(value: unknown): { text: string; udh: readonly Buffer[] } {
  if (typeof value === 'string') return { text: value, udh: [] };
  if (Buffer.isBuffer(value)) return { text: value.toString('latin1'), udh: [] };
  if (value && typeof value === 'object' && 'message' in value) {
    const v = value as { message: unknown; udh?: unknown };
    const text =
      typeof v.message === 'string'
        ? v.message
        : Buffer.isBuffer(v.message)
          ? v.message.toString('latin1')
          : '';
    const udh = Array.isArray(v.udh) ? v.udh.filter((b): b is Buffer => Buffer.isBuffer(b)) : [];
    return { text, udh };
  }
  return { text: '', udh: [] };
}
