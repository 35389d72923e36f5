import fc from 'fast-check';
import smpp from 'smpp';
import { describe, expect, it } from 'vitest';
import {
  PartsAssembler,
  destinationAddress,
  encodeOutgoing,
  parseReceipt,
  partFromUdh,
  sourceAddress,
} from './smpp-codec';

const GSM_CHARS = [...'@£$¥èéùìòÇØøÅåΔ_ÆæßÉ !"#%&\'()*+,-./0123456789:;<=>?ABCXYZabcxyzäöñüà€[]'];

/** The text a phone shows for the submit_sm bodies, decoded as a handset would. */
function decode(parts: ReturnType<typeof encodeOutgoing>): string {
  return parts
    .map((p) => {
      const body = p.message_payload ?? p.short_message;
      const sm = p.esm_class & 0x40 ? body.subarray(body[0]! + 1) : body;
      return p.data_coding === 8
        ? Buffer.from(sm).swap16().toString('utf16le')
        : smpp.gsmCoder.decode(sm, 0);
    })
    .join('');
}

describe('encoding outgoing text', () => {
  it('sends a 160-character GSM text as one SMS, 161 as two parts of at most 153', () => {
    const one = encodeOutgoing('a'.repeat(160), 'udh', 7);
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ data_coding: 0, esm_class: 0 });
    expect(one[0]!.short_message).toHaveLength(160);
    const two = encodeOutgoing('a'.repeat(161), 'udh', 7);
    expect(two.map((p) => p.short_message.length - 6)).toEqual([153, 8]);
    expect(two.map((p) => [...p.short_message.subarray(0, 6)])).toEqual([
      [5, 0, 3, 7, 2, 1],
      [5, 0, 3, 7, 2, 2],
    ]);
  });

  it('counts € as two septets and never splits its escape sequence', () => {
    const text = 'a'.repeat(152) + '€' + 'b'.repeat(10);
    const parts = encodeOutgoing(text, 'udh', 1);
    expect(parts).toHaveLength(2);
    expect(parts[0]!.short_message.length - 6).toBe(152);
    expect(decode(parts)).toBe(text);
  });

  it('switches to UCS-2 for one character outside GSM: 70 per SMS, 67 per part', () => {
    expect(encodeOutgoing('œ'.repeat(70), 'udh', 1)).toHaveLength(1);
    const parts = encodeOutgoing('œ'.repeat(71), 'udh', 1);
    expect(parts.map((p) => [p.data_coding, (p.short_message.length - 6) / 2])).toEqual([
      [8, 67],
      [8, 4],
    ]);
  });

  it('puts a long text whole in message_payload when asked', () => {
    const text = 'x'.repeat(400);
    const [only, ...rest] = encodeOutgoing(text, 'payload', 1);
    expect(rest).toEqual([]);
    expect(only!.short_message).toHaveLength(0);
    expect(only!.message_payload).toHaveLength(400);
  });

  it('gives back the same text once decoded, whatever the text (property)', () => {
    const gsmText = fc
      .array(fc.constantFrom(...GSM_CHARS), { maxLength: 500 })
      .map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.oneof(gsmText, fc.string({ unit: 'grapheme', maxLength: 300 })), (text) => {
        const parts = encodeOutgoing(text, 'udh', 3);
        expect(decode(parts)).toBe(text);
        for (const p of parts) {
          expect(p.short_message.length).toBeLessThanOrEqual(140 + (p.data_coding === 0 ? 20 : 0));
        }
      }),
    );
  });
});

describe('addresses', () => {
  it('sends to E.164 numbers as international ISDN and refuses the rest', () => {
    expect(destinationAddress('+33612345678')).toEqual({ addr: '33612345678', ton: 1, npi: 1 });
    expect(destinationAddress('0612345678')).toBeNull();
  });

  it('reads the sender as a name, an international number or a short code', () => {
    expect(sourceAddress('Maillage')).toEqual({ addr: 'Maillage', ton: 5, npi: 0 });
    expect(sourceAddress('+33639980100')).toEqual({ addr: '33639980100', ton: 1, npi: 1 });
    expect(sourceAddress('38100')).toEqual({ addr: '38100', ton: 3, npi: 0 });
    expect(() => sourceAddress('Maillage du Lot')).toThrow(/11/);
  });
});

describe('delivery receipts', () => {
  it('reads the id, stat and err of the SMPP 3.4 receipt text', () => {
    const text =
      'id:0A1B2C sub:001 dlvrd:001 submit date:2611240800 done date:2611240801 stat:DELIVRD err:000 text:Jean vous';
    expect(parseReceipt({ text })).toEqual({
      messageId: '0A1B2C',
      state: 'delivered',
      stat: 'DELIVRD',
    });
    expect(parseReceipt({ text: 'id:9 sub:001 dlvrd:000 stat:EXPIRED err:027' })).toEqual({
      messageId: '9',
      state: 'failed',
      stat: 'EXPIRED',
      error: 'EXPIRED (err 027)',
    });
  });

  it('prefers the receipted_message_id and message_state fields when the SMSC sends them', () => {
    expect(parseReceipt({ text: '', receiptedMessageId: 'abc', messageState: 5 })).toMatchObject({
      messageId: 'abc',
      state: 'failed',
      stat: 'UNDELIV',
    });
  });

  it('has no state for an UNKNOWN receipt and is null for a text that is no receipt', () => {
    expect(parseReceipt({ text: 'id:1 stat:UNKNOWN' })?.state).toBeNull();
    expect(parseReceipt({ text: 'OUI' })).toBeNull();
  });
});

describe('split inbound messages', () => {
  it('reads 8-bit and 16-bit concatenation elements', () => {
    expect(partFromUdh([Buffer.from([0, 3, 9, 2, 1])])).toEqual({
      reference: 9,
      total: 2,
      index: 1,
    });
    expect(partFromUdh([Buffer.from([8, 4, 1, 2, 3, 2])])).toEqual({
      reference: 258,
      total: 3,
      index: 2,
    });
    expect(partFromUdh([Buffer.from([0x24, 1, 1])])).toBeNull();
  });

  it('joins parts in order, keeps senders apart, and lets an incomplete message go in the end', () => {
    const a = new PartsAssembler(60_000);
    expect(a.add('+33600000001', { reference: 1, total: 2, index: 2 }, 'world', 0)).toBeNull();
    expect(a.add('+33600000002', { reference: 1, total: 2, index: 1 }, 'other ', 0)).toBeNull();
    expect(a.add('+33600000001', { reference: 1, total: 2, index: 1 }, 'hello ', 1)).toBe(
      'hello world',
    );
    expect(a.expire(59_999)).toEqual([]);
    expect(a.expire(60_000)).toEqual([{ sender: '+33600000002', text: 'other […]' }]);
    expect(a.size).toBe(0);
  });
});
