import { describe, expect, it } from 'vitest';
import { normalizePhone } from './phone';

describe('normalizePhone', () => {
  it('turns a French mobile written with spaces into E.164 and calls it mobile', () => {
    expect(normalizePhone('06 12 34 56 78')).toEqual({
      phone: '+33612345678',
      phoneKind: 'mobile',
    });
  });

  it('reads dots, dashes, 0033 and +33 forms of the same mobile', () => {
    for (const raw of [
      '06.12.34.56.78',
      '06-12-34-56-78',
      '0033 6 12 34 56 78',
      '+33 6 12 34 56 78',
      '+33612345678',
    ]) {
      expect(normalizePhone(raw).phone).toBe('+33612345678');
    }
  });

  it('classes a Lot fixed line (05 65) as landline', () => {
    expect(normalizePhone('05 65 40 12 34')).toEqual({
      phone: '+33565401234',
      phoneKind: 'landline',
    });
  });

  it('classes an allocated 07 number as mobile', () => {
    expect(normalizePhone('07 81 12 34 56')).toEqual({
      phone: '+33781123456',
      phoneKind: 'mobile',
    });
  });

  it('never calls a 09 VoIP number mobile, since an SMS may not reach it', () => {
    expect(normalizePhone('09 48 12 34 56').phoneKind).toBe('landline');
  });

  it('accepts the ARCEP fiction mobile range 06 39 98 as mobile', () => {
    expect(normalizePhone('06 39 98 00 01')).toEqual({
      phone: '+33639980001',
      phoneKind: 'mobile',
    });
  });

  it('accepts the fiction fixed range 05 36 49 as landline', () => {
    expect(normalizePhone('05 36 49 00 01')).toEqual({
      phone: '+33536490001',
      phoneKind: 'landline',
    });
  });

  it('says none, without error, when nothing is typed', () => {
    expect(normalizePhone('')).toEqual({ phone: null, phoneKind: 'none' });
    expect(normalizePhone('   ')).toEqual({ phone: null, phoneKind: 'none' });
    expect(normalizePhone(null)).toEqual({ phone: null, phoneKind: 'none' });
  });

  it('explains in French why a short, long, lettered or unallocated number is refused', () => {
    for (const raw of ['06 12', '06 12 34 56 78 9', 'abc', '07 12 34 56 78']) {
      const result = normalizePhone(raw);
      expect(result.phone).toBeNull();
      expect(result.phoneKind).toBe('none');
      expect(result.error).toMatch(/num[ée]ro/i);
    }
  });

  it("refuses a toll-free service number as a person's phone", () => {
    expect(normalizePhone('0800 123 456').error).toMatch(/service/);
  });

  it('keeps a foreign mobile given in international form', () => {
    expect(normalizePhone('+32 470 12 34 56')).toEqual({
      phone: '+32470123456',
      phoneKind: 'mobile',
    });
  });
});
