import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { tokenizeSms } from '../sms/tokenize';
import { addDays } from './calendar';
import { extractSchedule } from './extract-schedule';
import { DEFAULT_TIME_SETTINGS, toMinutes, type TimeSettings } from './time-settings';

const MONDAY = '2026-11-23';
const read = (text: string, today = MONDAY, settings: TimeSettings = DEFAULT_TIME_SETTINGS) => {
  const { date, earliest, latest } = extractSchedule(tokenizeSms(text), today, settings);
  return { date, earliest, latest };
};

describe('dates said in words', () => {
  it('reads demain, après-demain and their SMS spellings', () => {
    expect(read('demain').date).toBe('2026-11-24');
    expect(read('dem1 9h').date).toBe('2026-11-24');
    expect(read('2m1').date).toBe('2026-11-24');
    expect(read('après demain').date).toBe('2026-11-25');
    expect(read('apres-demain').date).toBe('2026-11-25');
  });

  it("reads aujourd'hui, auj and ce soir as today", () => {
    expect(read("aujourd'hui").date).toBe(MONDAY);
    expect(read('AUJ 17h').date).toBe(MONDAY);
    expect(read('ce soir')).toEqual({ date: MONDAY, earliest: '17:00', latest: '21:00' });
    expect(read('cet aprem').date).toBe(MONDAY);
    expect(read('ce midi').date).toBe(MONDAY);
    expect(read('cette midi').date).toBe(MONDAY);
  });

  it('takes a weekday as the next one after today, "prochain" adding nothing', () => {
    expect(read('lundi').date).toBe('2026-11-30');
    expect(read('mardi').date).toBe('2026-11-24');
    expect(read('mardi prochain').date).toBe('2026-11-24');
    expect(read('dimanche').date).toBe('2026-11-29');
    expect(read('VENDREDI').date).toBe('2026-11-27');
  });

  it('reads day/month numbers and month names as the next such date not in the past', () => {
    expect(read('le 3/12').date).toBe('2026-12-03');
    expect(read('30/11').date).toBe('2026-11-30');
    expect(read('le 2 décembre').date).toBe('2026-12-02');
    expect(read('le 1er decembre').date).toBe('2026-12-01');
    expect(read('le 5 janvier').date).toBe('2027-01-05');
    expect(read('le 20/11').date).toBe('2027-11-20');
    expect(read('le 4/12/2027').date).toBe('2027-12-04');
  });

  it('prefers the explicit date when a weekday comes with it', () => {
    expect(read('lundi 30/11').date).toBe('2026-11-30');
    expect(read('jeudi 3 décembre').date).toBe('2026-12-03');
    expect(read('lundi 7').date).toBe('2026-12-07');
    expect(read('lundi 9').date).toBe('2026-11-30');
  });

  it('reads "le 3" alone as the next third of a month', () => {
    expect(read('le 3 a 9h').date).toBe('2026-12-03');
  });

  it('counts days and weeks from today', () => {
    expect(read('dans 3 jours').date).toBe('2026-11-26');
    expect(read('dans une semaine').date).toBe('2026-11-30');
    expect(read('dans 2 semaines').date).toBe('2026-12-07');
  });

  it('skips a date said with a negation', () => {
    expect(read('pas demain, jeudi').date).toBe('2026-11-26');
    expect(read('non pas lundi mais mardi').date).toBe('2026-11-24');
  });

  it('finds no date in a message without one', () => {
    expect(read('cahors figeac 9h').date).toBeNull();
    expect(read('le 31/11').date).toBeNull();
    expect(read('le 31 novembre').date).toBeNull();
  });
});

describe('pickup windows', () => {
  it('gives ±30 minutes around an exact hour', () => {
    expect(read('9h')).toMatchObject({ earliest: '08:30', latest: '09:30' });
    expect(read('à 9h30')).toMatchObject({ earliest: '09:00', latest: '10:00' });
    expect(read('14:30')).toMatchObject({ earliest: '14:00', latest: '15:00' });
    expect(read('8H')).toMatchObject({ earliest: '07:30', latest: '08:30' });
    expect(read('9 h 15')).toMatchObject({ earliest: '08:45', latest: '09:45' });
    expect(read('10 heures')).toMatchObject({ earliest: '09:30', latest: '10:30' });
  });

  it('gives ±45 minutes around an approximate hour', () => {
    expect(read('vers 9h')).toMatchObject({ earliest: '08:15', latest: '09:45' });
    expect(read('9h environ')).toMatchObject({ earliest: '08:15', latest: '09:45' });
    expect(read('aux alentours de 10h')).toMatchObject({ earliest: '09:15', latest: '10:45' });
    expect(read('vers midi')).toMatchObject({ earliest: '11:15', latest: '12:45' });
  });

  it('reads the parts of the day with the territory defaults', () => {
    expect(read('demain matin')).toMatchObject({ earliest: '07:00', latest: '12:00' });
    expect(read('mercredi après-midi')).toMatchObject({ earliest: '13:00', latest: '18:00' });
    expect(read('jeudi aprem')).toMatchObject({ earliest: '13:00', latest: '18:00' });
    expect(read('vendredi soir')).toMatchObject({ earliest: '17:00', latest: '21:00' });
    expect(read('à midi')).toMatchObject({ earliest: '11:30', latest: '12:30' });
  });

  it('uses the territory settings instead of the defaults when given', () => {
    const settings: TimeSettings = {
      ...DEFAULT_TIME_SETTINGS,
      exactMarginMinutes: 15,
      morning: { earliest: '08:00', latest: '11:00' },
    };
    expect(read('9h', MONDAY, settings)).toMatchObject({ earliest: '08:45', latest: '09:15' });
    expect(read('matin', MONDAY, settings)).toMatchObject({ earliest: '08:00', latest: '11:00' });
  });

  it('reads "soir 7h" and "aprem 3h" on the afternoon clock', () => {
    expect(read('demain soir 7h')).toMatchObject({ earliest: '18:30', latest: '19:30' });
    expect(read('aprem 3h')).toMatchObject({ earliest: '14:30', latest: '15:30' });
    expect(read('matin 9h')).toMatchObject({ earliest: '08:30', latest: '09:30' });
  });

  it('reads ranges and open-ended times', () => {
    expect(read('entre 8h et 10h')).toMatchObject({ earliest: '08:00', latest: '10:00' });
    expect(read('de 14h a 16h')).toMatchObject({ earliest: '14:00', latest: '16:00' });
    expect(read('9h-10h')).toMatchObject({ earliest: '09:00', latest: '10:00' });
    expect(read('8h/9h30')).toMatchObject({ earliest: '08:00', latest: '09:30' });
    expect(read('avant 9h')).toMatchObject({ earliest: '08:00', latest: '09:00' });
    expect(read('après 14h')).toMatchObject({ earliest: '14:00', latest: '15:00' });
    expect(read('à partir de 10h')).toMatchObject({ earliest: '10:00', latest: '11:00' });
  });

  it('reads an hour without "h" after vers or à, but not a count', () => {
    expect(read('demain vers 9')).toMatchObject({ earliest: '08:15', latest: '09:45' });
    expect(read('jeudi à 10')).toMatchObject({ earliest: '09:30', latest: '10:30' });
    expect(read('à 3 personnes')).toMatchObject({ earliest: null });
    expect(read('à 9 personnes')).toMatchObject({ earliest: null });
  });

  it('reads half and quarter hours said in words, with what is said around them', () => {
    expect(read('9h et demie')).toMatchObject({ earliest: '09:00', latest: '10:00' });
    expect(read('vers 9 heures et quart')).toMatchObject({ earliest: '08:30', latest: '10:00' });
    expect(read('à 10h moins le quart')).toMatchObject({ earliest: '09:15', latest: '10:15' });
    expect(read('entre 9h et 10h et demie')).toMatchObject({ earliest: '09:00', latest: '10:30' });
    expect(read('demain soir 7h et demie')).toMatchObject({ earliest: '19:00', latest: '20:00' });
  });

  it('ignores impossible hours', () => {
    expect(read('25h')).toMatchObject({ earliest: null, latest: null });
    expect(read('9h75').earliest).toBeNull();
  });

  it('keeps windows at the edges of the day inside the day and not empty', () => {
    expect(read('après 23h59')).toMatchObject({ earliest: '23:44', latest: '23:59' });
    expect(read('avant 0h00')).toMatchObject({ earliest: '00:00', latest: '00:15' });
    expect(read('vers 0h10')).toMatchObject({ earliest: '00:00', latest: '00:55' });
  });

  it('always gives a window with earliest before latest, inside the day', () => {
    const prefixes = ['', 'vers ', 'à ', 'avant ', 'après ', 'demain soir ', 'aprem '];
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (prefix, h, m) => {
          const { earliest, latest } = read(`${prefix}${h}h${String(m).padStart(2, '0')}`);
          expect(earliest).not.toBeNull();
          expect(toMinutes(earliest!)).toBeLessThan(toMinutes(latest!));
          expect(toMinutes(latest!)).toBeLessThanOrEqual(23 * 60 + 59);
        },
      ),
    );
  });

  it('always puts a weekday strictly after today and within seven days, whatever today is', () => {
    const days = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3000 }), fc.constantFrom(...days), (offset, day) => {
        const today = addDays('2025-01-01', offset);
        const { date } = read(`${day} 9h`, today);
        expect(date! > today).toBe(true);
        expect(date! <= addDays(today, 7)).toBe(true);
      }),
    );
  });
});

describe('the driver of the readers', () => {
  const WORDS = ['demain', 'pas', 'lundi', 'prochain', 'le', '3/12', '2', 'decembre', 'dans', '3'];
  const MORE = ['jours', 'ce', 'soir', 'matin', 'vers', 'a', '9', '9h', 'et', 'entre', 'midi'];
  const token = fc.oneof(fc.constantFrom(...WORDS, ...MORE), fc.string({ maxLength: 6 }));

  it('only ever uses tokens of the message, and reads any message to its end', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), (tokens) => {
        const { consumed } = extractSchedule(tokens, MONDAY, DEFAULT_TIME_SETTINGS);
        for (const k of consumed) {
          expect(Number.isInteger(k) && k >= 0 && k < tokens.length).toBe(true);
        }
      }),
    );
  });

  it('looks at each token a bounded number of times, however long the message', () => {
    const phrase = 'pas demain, le 3/12 vers 10h ou entre 14h et midi, dans la matinée à 9 ; ';
    const tokens = tokenizeSms(phrase.repeat(30).slice(0, 2000));
    let reads = 0;
    const counted = new Proxy(tokens, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const reading = extractSchedule(counted, MONDAY, DEFAULT_TIME_SETTINGS);
    expect(reading.date).toBe('2026-12-03');
    // The table reads ~24 per token here; one reader rescanning the message from each token
    // would add ~tokens.length (520 here).
    expect(reads / tokens.length).toBeLessThan(100);
    expect(tokens.length).toBeGreaterThan(400);
  });
});
