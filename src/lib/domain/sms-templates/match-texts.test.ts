import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALL_ASKED_REASON,
  driverCancelledCallbackText,
  NO_TRIP_REASON,
  noDriverTaskWithReason,
  rideCallbackTaskText,
  townHallMeetingPlace,
} from './match-texts';
import { countSegments, isGsm7 } from './segments';
import { confirmDriverSms, confirmPassengerSms } from './templates';

const ride = {
  date: '2026-11-26',
  pickupTime: '08:25',
  toName: 'Figeac',
  contributionCents: 120,
};

describe('texts of a match outcome', () => {
  it('meets at the town hall in words that keep both confirmations in one SMS (scenario 2)', () => {
    const pickupPlace = townHallMeetingPlace('Cardaillac');
    expect(pickupPlace).toBe('devant la mairie de Cardaillac');
    const toDriver = confirmDriverSms({
      ...ride,
      pickupPlace,
      passengerFirstName: 'Marie',
      passengerPhone: '05 36 49 02 01',
    });
    const toPassenger = confirmPassengerSms({
      ...ride,
      pickupPlace,
      driverFirstName: 'Jean',
      driverPhone: '06 39 98 01 01',
    });
    for (const text of [toDriver, toPassenger])
      expect(countSegments(text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('keeps a confirmation within two GSM 7-bit SMS whatever the town is called', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (town) => {
        const text = confirmPassengerSms({
          ...ride,
          pickupPlace: townHallMeetingPlace(town),
          driverFirstName: 'Jean',
          driverPhone: '06 39 98 01 01',
        });
        expect(isGsm7(text)).toBe(true);
        expect(countSegments(text).segments).toBeLessThanOrEqual(2);
      }),
    );
  });

  it('gives the caller the passenger’s number as people write it, in the words of scenario 2', () => {
    const base = {
      ...ride,
      pickupPlace: townHallMeetingPlace('Cardaillac'),
      passengerFirstName: 'Marie',
      driverFirstName: 'Jean',
    };
    expect(rideCallbackTaskText({ ...base, passengerPhone: '+33565401234' })).toBe(
      'Appeler Marie au 05 65 40 12 34 : Jean passe la prendre jeudi 26/11 vers 8h25 devant la mairie de Cardaillac, participation 1,20 €',
    );
    expect(rideCallbackTaskText({ ...base, passengerPhone: null })).toMatch(
      /^Prévenir Marie \(sans téléphone\) : Jean passe/,
    );
  });

  it('says why nobody was found after the usual no-driver task', () => {
    const trip = {
      fromName: 'Payrac',
      toName: 'Souillac',
      date: '2026-11-24',
      earliest: '06:30',
      latest: '07:30',
      passengerFirstName: 'Kevin',
    };
    expect(noDriverTaskWithReason({ ...trip, reason: NO_TRIP_REASON })).toMatch(
      /^Aucun conducteur pour Kevin : Payrac - Souillac mardi 24\/11 vers 7h\..* Aucun trajet régulier ne passe par là à cette heure\.$/,
    );
    expect(noDriverTaskWithReason({ ...trip, reason: null })).not.toContain(ALL_ASKED_REASON);
  });

  it('asks someone to call a passenger whose driver cancelled, in the words of the SMS', () => {
    expect(
      driverCancelledCallbackText({
        passengerFirstName: 'Marie',
        driverFirstName: 'Jean',
        date: '2026-11-26',
      }),
    ).toBe(
      'Appeler Marie : Jean ne peut plus faire le trajet de jeudi 26/11. Nous cherchons un autre conducteur.',
    );
  });
});
