import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { driverReminderSms, passengerReminderSms, reminderCallbackText } from './reminder-texts';
import { countSegments } from './segments';

const ride = {
  date: '2026-11-26',
  pickupTime: '08:25',
  pickupPlace: 'devant la mairie de Cardaillac',
  contributionCents: 120,
};

describe('the day-before reminders', () => {
  it('tell the driver whom, when and where, in one GSM 7-bit SMS', () => {
    const text = driverReminderSms({ ...ride, passengerFirstName: 'Marie' });
    expect(text).toBe(
      'Maillage : rappel, demain jeudi 26/11 vers 8h25 Marie vous attend devant la mairie de Cardaillac. Un imprévu ? ANNULER',
    );
    expect(countSegments(text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('tell the passenger who comes, when, where and the contribution, in one GSM 7-bit SMS', () => {
    const text = passengerReminderSms({ ...ride, driverFirstName: 'Jean' });
    expect(text).toBe(
      'Maillage : rappel, demain jeudi 26/11 vers 8h25 Jean passe vous prendre devant la mairie de Cardaillac. Participation 1,20 EUR. Un imprévu ? ANNULER',
    );
    expect(countSegments(text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('give the relay the number and the words to say', () => {
    expect(
      reminderCallbackText({
        ...ride,
        passengerFirstName: 'Marie',
        driverFirstName: 'Jean',
        passengerPhone: '+33536490201',
      }),
    ).toBe(
      'Rappeler à Marie (tél. 05 36 49 02 01) : demain jeudi 26/11 vers 8h25, Jean passe vous prendre devant la mairie de Cardaillac, participation 1,20 EUR.',
    );
  });

  it('stay one GSM 7-bit SMS whatever the names and the place', () => {
    const name = fc.string({ minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(name, name, fc.string({ maxLength: 120 }), (a, b, place) => {
        const r = { ...ride, pickupPlace: place, contributionCents: 990 };
        for (const text of [
          driverReminderSms({ ...r, passengerFirstName: a }),
          passengerReminderSms({ ...r, driverFirstName: b }),
        ])
          expect(countSegments(text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
      }),
    );
  });
});
