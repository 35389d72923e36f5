import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Person } from '../documents';
import { sampleMarie } from '../documents/test-docs';
import { addDays, formatDate, localDateOf, localTimeOf } from '../schedule/calendar';
import { reminderAt, reminderDue, reminderEffects } from './reminders';

const landlineMarie = sampleMarie as unknown as Person;
const mobileMarie = { ...landlineMarie, phone: '+33639980201', phoneKind: 'mobile' } as Person;
const jean = {
  ...landlineMarie,
  _id: 'person:j3an0000',
  firstName: 'Jean',
  phone: '+33639980101',
  phoneKind: 'mobile',
  roles: ['driver'],
} as Person;
const ride = {
  _id: 'ride:r0000001-1',
  requestId: 'request:r0000001',
  passengerId: landlineMarie._id,
  date: '2026-11-26',
  pickupTime: '08:25',
  pickupPlace: 'devant la mairie de Cardaillac',
  contributionCents: 120,
};

describe('the reminder of the day before', () => {
  it('is due at 18:00 Paris time the day before the ride', () => {
    expect(reminderAt('2026-11-26', new Date('2026-11-24T09:50:00Z'))).toBe(
      '2026-11-25T17:00:00.000Z',
    );
    expect(reminderAt('2026-07-02', new Date('2026-06-30T09:50:00Z'))).toBe(
      '2026-07-01T16:00:00.000Z',
    );
  });

  it('is not sent for a ride confirmed after that time, nor when reminders are off', () => {
    expect(reminderAt('2026-11-26', new Date('2026-11-25T17:00:00Z'))).toBeNull();
    expect(reminderAt('2026-11-26', new Date('2026-11-24T09:50:00Z'), { time: null })).toBeNull();
  });

  it('falls at the set local time the day before, whatever the date (DST included)', () => {
    const day = fc
      .date({
        min: new Date('2026-01-02T00:00:00Z'),
        max: new Date('2027-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => formatDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
    const time = fc
      .tuple(fc.integer({ min: 4, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(day, time, (date, at) => {
        const due = reminderAt(date, new Date('2025-12-01T00:00:00Z'), { time: at });
        expect(due).not.toBeNull();
        expect(localDateOf(new Date(due!))).toBe(addDays(date, -1));
        expect(localTimeOf(new Date(due!))).toBe(at);
      }),
      { numRuns: 1000 },
    );
  });

  it('is due once: not before its time, not once sent, not for a cancelled ride', () => {
    const r = { remindAt: '2026-11-25T17:00:00.000Z', remindedAt: null, cancelledAt: null };
    expect(reminderDue(r, new Date('2026-11-25T16:59:00Z'))).toBe(false);
    expect(reminderDue(r, new Date('2026-11-25T17:00:00Z'))).toBe(true);
    expect(
      reminderDue(
        { ...r, remindedAt: '2026-11-25T17:00:00.000Z' },
        new Date('2026-11-25T18:00:00Z'),
      ),
    ).toBe(false);
    expect(
      reminderDue(
        { ...r, cancelledAt: '2026-11-25T10:00:00.000Z' },
        new Date('2026-11-25T18:00:00Z'),
      ),
    ).toBe(false);
    expect(reminderDue({ ...r, remindAt: null }, new Date('2026-11-25T18:00:00Z'))).toBe(false);
  });

  it('texts the driver and gives the relay of a landline passenger a callback task', () => {
    const e = reminderEffects({ ride, driver: jean, passenger: landlineMarie });
    expect(e.sms).toMatchObject([
      { id: 'message:remind-driver-r0000001-1', to: jean.phone, personId: jean._id },
    ]);
    expect(e.sms[0]!.text).toContain('Marie vous attend devant la mairie de Cardaillac');
    expect(e.tasks).toMatchObject([
      {
        id: 'task:remind-r0000001-1',
        kind: 'callback',
        assignee: 'sophie',
        personId: landlineMarie._id,
        requestId: 'request:r0000001',
      },
    ]);
    expect(e.tasks[0]!.text).toMatch(
      /^Rappeler à Marie \(tél\. 05 36 49 00 01\) : demain jeudi 26\/11/,
    );
  });

  it('texts a passenger with a mobile instead, and a driver without one gets nothing', () => {
    const landlineJean = { ...jean, phone: '+33565401234', phoneKind: 'landline' } as Person;
    const e = reminderEffects({ ride, driver: landlineJean, passenger: mobileMarie });
    expect(e.tasks).toEqual([]);
    expect(e.sms).toMatchObject([
      { id: 'message:remind-passenger-r0000001-1', to: mobileMarie.phone },
    ]);
    expect(e.sms[0]!.text).toContain('Jean passe vous prendre');
  });
});
