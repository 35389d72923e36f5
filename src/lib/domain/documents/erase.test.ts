import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  concernsPerson,
  ERASED_FIRST_NAME,
  ERASED_PHONE,
  eraseDoc,
  isHeldBack,
  personalValues,
  withdrawConsent,
} from './erase';
import { personSchema, requestSchema, tripSchema, type Person } from './schemas';
import { messageDocSchema, rideDocSchema, taskDocSchema } from './worker-docs';
import { sampleJeanTrip, sampleMarie, sampleRequest, sampleStamp } from './test-docs';

const stamp = { at: '2026-12-01T10:00:00.000Z', by: 'coordination' };
const marie = {
  ...sampleMarie,
  lastName: 'Delmas',
  phone: '+33612345678',
  phoneKind: 'mobile',
  address: '3 chemin des Vignes',
  notes: 'sa fille appelle le soir',
} as Person;
const workerStamp = { ...sampleStamp, createdBy: 'worker', updatedBy: 'worker' };
const outgoing = {
  _id: 'message:out-1',
  type: 'message',
  ...workerStamp,
  readers: ['role:coordinator'],
  direction: 'out',
  to: marie.phone,
  text: 'Bonjour Marie, Jean vous prend à 3 chemin des Vignes',
  purpose: 'confirm-passenger',
  personId: marie._id,
  relatedId: null,
  state: 'pending',
  history: [{ state: 'pending', at: sampleStamp.createdAt, error: `no route to ${marie.phone}` }],
  attempts: 0,
  notBefore: null,
  gateway: null,
  gatewayRef: null,
  error: null,
};
const incoming = {
  _id: 'message:in-1',
  type: 'message',
  ...workerStamp,
  readers: ['role:coordinator'],
  direction: 'in',
  from: marie.phone,
  text: 'Marie Delmas Cardaillac Figeac jeudi 9h',
  gateway: 'console',
  gatewayMessageId: 'g1',
  receivedAt: sampleStamp.createdAt,
  state: 'handled',
  history: [],
  outcome: 'request',
};
const ride = {
  _id: 'ride:r1',
  type: 'ride',
  ...workerStamp,
  requestId: sampleRequest._id,
  matchId: 'match:r0000001',
  tripId: sampleJeanTrip._id,
  leg: 'outbound',
  driverId: sampleJeanTrip.driverId,
  passengerId: marie._id,
  date: sampleRequest.date,
  pickupTime: '08:15',
  pickupInsee: '46057',
  dropoffInsee: '46102',
  pickupPlace: '3 chemin des Vignes',
  seats: 1,
  contributionCents: 320,
  cancelledAt: null,
};
const task = {
  _id: 'task:t1',
  type: 'task',
  ...workerStamp,
  kind: 'callback',
  text: 'Appeler Marie Delmas au 05 36 49 00 01',
  assignee: 'sophie',
  personId: marie._id,
  requestId: null,
  messageId: null,
  doneAt: null,
  doneBy: null,
};
const conversation = {
  _id: 'conversation:abc',
  type: 'conversation',
  ...workerStamp,
  phone: marie.phone,
};

const written = (doc: Record<string, unknown>) => {
  const result = eraseDoc(doc, stamp);
  if (result.kind !== 'write') throw new Error(`expected a write, got ${result.kind}`);
  return result.doc;
};

describe('erasing a person', () => {
  it('leaves the person a placeholder first name, no phone, address, needs or notes', () => {
    const erased = written(marie);
    expect(erased).toMatchObject({
      firstName: ERASED_FIRST_NAME,
      phone: null,
      phoneKind: 'none',
      erasedAt: stamp.at,
      homeInsee: marie.homeInsee,
      roles: marie.roles,
      updatedBy: 'coordination',
    });
    for (const field of ['lastName', 'address', 'needs', 'notes'])
      expect(erased).not.toHaveProperty(field);
    expect(personSchema.safeParse(erased).success).toBe(true);
  });

  it('keeps what a request counts for (communes, date, times, seats) and drops its note', () => {
    const erased = written({ ...sampleRequest, note: 'rendez-vous chez le Dr Martin' });
    expect(erased).not.toHaveProperty('note');
    for (const field of [
      'passengerId',
      'fromInsee',
      'toInsee',
      'date',
      'earliest',
      'latest',
      'seats',
    ])
      expect(erased[field]).toEqual(sampleRequest[field as keyof typeof sampleRequest]);
    expect(requestSchema.safeParse(erased).success).toBe(true);
  });

  it('drops a trip’s meeting place and keeps the trip valid', () => {
    const erased = written({ ...sampleJeanTrip, meetingPlace: 'devant chez moi, 2 rue Haute' });
    expect(erased).not.toHaveProperty('meetingPlace');
    expect(tripSchema.safeParse(erased).success).toBe(true);
  });

  it('blanks SMS texts and numbers, and an SMS not yet sent is never sent', () => {
    const out = written(outgoing);
    expect(out).toMatchObject({ to: ERASED_PHONE, state: 'failed', error: 'erased' });
    expect(JSON.stringify(out)).not.toContain(marie.phone!);
    expect(messageDocSchema.safeParse(out).success).toBe(true);
    const inbound = written(incoming);
    expect(inbound).toMatchObject({ from: ERASED_PHONE, state: 'handled', outcome: 'request' });
    expect(messageDocSchema.safeParse(inbound).success).toBe(true);
  });

  it('keeps a delivered SMS delivered', () => {
    expect(written({ ...outgoing, state: 'delivered' }).state).toBe('delivered');
  });

  it('blanks a ride’s pickup place and a task’s text, and deletes the conversation', () => {
    expect(rideDocSchema.safeParse(written(ride)).success).toBe(true);
    expect(written(ride).pickupPlace).toBe('');
    expect(taskDocSchema.safeParse(written(task)).success).toBe(true);
    expect(eraseDoc(conversation, stamp)).toEqual({ kind: 'delete' });
  });

  it('changes nothing the second time', () => {
    for (const doc of [marie, sampleRequest, outgoing, incoming, ride, task]) {
      const once = eraseDoc(doc, stamp);
      const again = once.kind === 'write' ? eraseDoc(once.doc, stamp) : once;
      expect(again).toEqual({ kind: 'keep' });
    }
  });

  it('never leaves a personal value in any of the person’s documents', () => {
    const text = fc.stringMatching(/^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ' -]{3,30}$/);
    fc.assert(
      fc.property(
        fc.record({ firstName: text, lastName: text, address: text, notes: text, needs: text }),
        fc.stringMatching(/^\+33[67]\d{8}$/),
        (fields, phone) => {
          const person = { ...marie, ...fields, phone } as Person;
          const said = `${fields.firstName} ${fields.lastName}, ${fields.address}`;
          const docs = [
            person,
            { ...sampleRequest, note: said },
            { ...outgoing, to: phone, text: said },
            { ...incoming, from: phone, text: said },
            { ...ride, pickupPlace: fields.address },
            { ...task, text: said },
          ];
          const left = docs.map((doc) => {
            const e = eraseDoc(doc, stamp);
            return e.kind === 'write' ? e.doc : e.kind === 'keep' ? doc : {};
          });
          const json = JSON.stringify(left);
          for (const value of personalValues(person)) expect(json).not.toContain(value);
        },
      ),
    );
  });
});

describe('whose documents', () => {
  it('finds the person’s documents by id and by phone, not another’s', () => {
    for (const doc of [marie, sampleRequest, outgoing, incoming, ride, task, conversation])
      expect(concernsPerson(doc, marie._id, marie.phone)).toBe(true);
    expect(concernsPerson(sampleJeanTrip, marie._id, marie.phone)).toBe(false);
    expect(concernsPerson({ ...incoming, from: '+33699999999' }, marie._id, marie.phone)).toBe(
      false,
    );
  });
});

describe('withdrawing consent', () => {
  it('marks the consent withdrawn once and holds the person back like a block', () => {
    expect(isHeldBack(marie)).toBe(false);
    const withdrawn = withdrawConsent(marie, stamp)!;
    expect(withdrawn.consent).toEqual({ ...marie.consent, withdrawnAt: stamp.at });
    expect(personSchema.safeParse(withdrawn).success).toBe(true);
    expect(isHeldBack(withdrawn)).toBe(true);
    expect(withdrawConsent(withdrawn, stamp)).toBeNull();
    expect(isHeldBack({ ...marie, blocked: true })).toBe(true);
  });
});
