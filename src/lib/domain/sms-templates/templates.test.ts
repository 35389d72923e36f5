import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countSegments, isGsm7, toGsm7 } from './segments';
import * as T from './templates';

const LONGEST = 'Saint-Michel-de-Bannières'; // among the longest commune names of the Lot
const ride = {
  date: '2026-11-26',
  pickupTime: '08:25',
  pickupPlace: `devant la mairie de ${LONGEST}`,
  toName: 'Sainte-Colombe-de-Villeneuve',
  contributionCents: 1230,
};

describe('SMS templates', () => {
  it('writes scenario 2 question in one GSM 7-bit SMS', () => {
    const text = T.askDriverSms({
      passengerFirstName: 'Marie',
      fromName: 'Cardaillac',
      toName: 'Figeac',
      date: '2026-11-26',
      earliest: '08:00',
      latest: '09:30',
    });
    expect(text).toBe(
      "Maillage : Marie (Cardaillac) cherche un trajet Cardaillac - Figeac jeudi 26/11 entre 8h et 9h30. Pouvez-vous l'emmener ? Répondez OUI ou NON.",
    );
    expect(countSegments(text)).toEqual({ encoding: 'gsm7', units: text.length, segments: 1 });
  });

  it('keeps the driver question in one SMS even with the longest names', () => {
    const text = T.askDriverSms({
      passengerFirstName: 'Marie-Bernadette-Françoise',
      fromName: LONGEST,
      toName: 'Sainte-Colombe-de-Villeneuve',
      date: '2026-11-25',
      earliest: '13:05',
      latest: '18:55',
    });
    expect(isGsm7(text)).toBe(true);
    expect(countSegments(text).segments).toBeLessThanOrEqual(2);
  });

  it('never costs more than two SMS, whatever the names, places and amounts', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.string({ maxLength: 80 }),
        fc.string({ maxLength: 120 }),
        fc.integer({ min: 0, max: 3200 }),
        (who, commune, where, cents) => {
          const texts = [
            T.askDriverSms({
              passengerFirstName: who,
              fromName: commune,
              toName: commune,
              date: '2026-12-31',
              earliest: '23:05',
              latest: '23:55',
            }),
            T.confirmDriverSms({
              ...ride,
              pickupPlace: where,
              toName: commune,
              contributionCents: cents,
              passengerFirstName: who,
              passengerPhone: '+33 6 39 98 02 01',
            }),
            T.confirmPassengerSms({
              ...ride,
              pickupPlace: where,
              toName: commune,
              contributionCents: cents,
              driverFirstName: who,
              driverPhone: '06 39 98 01 01',
            }),
            T.noDriverSms({
              fromName: commune,
              toName: commune,
              date: '2026-12-31',
              earliest: '23:05',
              latest: '23:55',
            }),
            T.cancelledSms({ byFirstName: who, date: '2026-12-31' }),
            T.driverCancelledSms({ byFirstName: who, date: '2026-12-31' }),
            T.setAsideSms({ passengerFirstName: who, date: '2026-12-31' }),
          ];
          for (const text of texts) {
            expect(isGsm7(text)).toBe(true);
            expect(countSegments(text).segments).toBeLessThanOrEqual(2);
          }
        },
      ),
    );
  });

  it('tells a passenger nobody was found for the window they asked, not its first minute', () => {
    const trip = { fromName: 'Gramat', toName: 'Figeac', date: '2026-12-01' };
    // "Gramat Figeac mardi 9h" asks 8:30–9:30.
    expect(T.noDriverSms({ ...trip, earliest: '08:30', latest: '09:30' })).toBe(
      'Maillage : personne ne fait encore Gramat - Figeac mardi 01/12 vers 9h. Demande gardée ; un coordinateur peut vous appeler.',
    );
    expect(T.noDriverSms({ ...trip, earliest: '08:15', latest: '09:45' })).toContain(
      'mardi 01/12 entre 8h15 et 9h45.',
    );
    expect(T.noDriverSms({ ...trip, earliest: '13:00', latest: '18:00' })).toContain(
      'entre 13h et 18h.',
    );
    expect(
      T.noDriverTaskText({
        ...trip,
        earliest: '07:45',
        latest: '08:45',
        passengerFirstName: 'Lou',
      }),
    ).toContain('Gramat - Figeac mardi 01/12 vers 8h15.');
  });

  it('keeps the no-driver answer in one SMS, cutting commune names only when both are very long', () => {
    const text = T.noDriverSms({
      fromName: LONGEST,
      toName: 'Sainte-Colombe-de-Villeneuve',
      date: '2026-12-02',
      earliest: '13:05',
      latest: '18:55',
    });
    expect(countSegments(text)).toMatchObject({ encoding: 'gsm7', segments: 1 });
    expect(text).toContain('entre 13h05 et 18h55. Demande gardée');
    expect(text).toMatch(/encore Saint-Miche\S* - Sainte-Colo\S* mercredi/);
    expect(
      T.noDriverSms({
        fromName: LONGEST,
        toName: 'Figeac',
        date: '2026-12-02',
        earliest: '13:05',
        latest: '18:55',
      }),
    ).toContain(`encore ${toGsm7(LONGEST)} - Figeac mercredi`);
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 80 }), (a, b) => {
        const t = T.noDriverSms({ ...trip(a, b), earliest: '23:05', latest: '23:55' });
        expect(countSegments(t)).toMatchObject({ encoding: 'gsm7', segments: 1 });
      }),
    );
    function trip(fromName: string, toName: string) {
      return { fromName, toName, date: '2026-12-30' };
    }
  });

  it('keeps every fixed answer in one GSM 7-bit SMS, with the accents the alphabet has', () => {
    const texts = [
      T.ASK_PLACES_SMS,
      T.ASK_DATE_SMS,
      T.NOT_UNDERSTOOD_SMS,
      T.HELP_SMS,
      T.STOP_SMS,
      T.PAUSE_SMS,
      T.RESUME_SMS,
      T.NO_PROPOSAL_SMS,
      T.NOTHING_TO_CANCEL_SMS,
      T.REQUEST_TOO_LATE_SMS,
      T.cancelAckSms('2026-11-26'),
      T.setAsideSms({ passengerFirstName: 'Kévin', date: '2026-11-26' }),
    ];
    for (const text of texts) {
      expect(countSegments(text), text).toMatchObject({ encoding: 'gsm7', segments: 1 });
      // Words once written without their accent, which GSM 7-bit has (é è à ù É).
      expect(text).not.toMatch(
        /\b(repondez|gardee|annule|prevenus|reponses|proposes|deja|passe|ecrivez|a annuler)\b/i,
      );
    }
    expect(texts.join(' ')).toMatch(/é.*à/);
  });

  it('writes the driver and passenger confirmations with their accents, in one GSM 7-bit SMS', () => {
    const driver = T.confirmDriverSms({
      ...ride,
      passengerFirstName: 'Hélène',
      passengerPhone: null,
    });
    expect(driver).toContain('Hélène vous attend');
    expect(driver).toMatch(/Un imprévu \? ANNULER$/);
    expect(countSegments(driver)).toMatchObject({ encoding: 'gsm7' });
    expect(
      T.noDriverSms({
        fromName: 'Gramat',
        toName: 'Figeac',
        date: '2026-12-01',
        earliest: '08:30',
        latest: '09:30',
      }),
    ).toContain('Demande gardée');
  });

  it('tells the other side of a cancelled ride in scenario 6 words', () => {
    expect(T.cancelledSms({ byFirstName: 'Marie', date: '2026-11-26' })).toBe(
      'Maillage : Marie annule le trajet de jeudi 26/11. Merci !',
    );
  });

  it('gives the driver only the first name of the passenger', () => {
    const text = T.confirmDriverSms({
      ...ride,
      passengerFirstName: 'Marie Dupont',
      passengerPhone: '05 36 49 02 01',
    });
    expect(text).toContain('Marie (05 36 49 02 01)');
    expect(text).not.toContain('Dupont');
  });
});

describe('segment counter', () => {
  it('counts 160 GSM characters as one SMS and 161 as two', () => {
    expect(countSegments('a'.repeat(160)).segments).toBe(1);
    expect(countSegments('a'.repeat(161)).segments).toBe(2);
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts the euro sign as two characters', () => {
    expect(countSegments('€'.repeat(80))).toEqual({ encoding: 'gsm7', units: 160, segments: 1 });
    expect(countSegments('€'.repeat(80) + 'a').segments).toBe(2);
  });

  it('falls to 70 characters per SMS with one character outside the alphabet', () => {
    expect(countSegments('ê' + 'a'.repeat(69))).toEqual({
      encoding: 'ucs2',
      units: 70,
      segments: 1,
    });
    expect(countSegments('ê' + 'a'.repeat(70)).segments).toBe(2);
    for (const outside of ['ê', 'ç', '’', 'â', 'ô'])
      expect(countSegments(`Maillage : é${outside}`).encoding, outside).toBe('ucs2');
    expect(countSegments('é è à ù É').encoding).toBe('gsm7');
  });

  it('makes names GSM 7-bit without losing their letters', () => {
    expect(toGsm7('Cœur de Causse')).toBe('Coeur de Causse');
    expect(toGsm7('Saint-Céré')).toBe('Saint-Céré');
    expect(toGsm7('Château’s île')).toBe("Chateau's ile");
    fc.assert(fc.property(fc.string(), (s) => isGsm7(toGsm7(s))));
  });
});
