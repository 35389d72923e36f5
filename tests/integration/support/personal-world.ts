// Marie's documents as the app and the worker leave them after a few weeks (edited person, a
// request with a rival revision, its match and ride, SMS both ways, her conversation, a task),
// beside Jean, another person, whose documents an erasure of Marie must not touch.
import type nano from 'nano';
import { conversationId } from '../../../src/lib/server/shared/hashed-ids';

type Db = nano.DocumentScope<unknown>;

const stampOf = (at: string, by: string) => ({
  schema: 1,
  createdAt: at,
  createdBy: by,
  updatedAt: at,
  updatedBy: by,
});
const relay = {
  ...stampOf('2026-11-24T09:15:00.000Z', 'sophie'),
  readers: ['role:coordinator', 'user:sophie'],
};
const worker = { ...stampOf('2026-11-24T09:20:00.000Z', 'worker'), readers: ['role:coordinator'] };

export interface MarieWorld {
  readonly marieId: string;
  readonly jeanId: string;
  readonly requestId: string;
  readonly phone: string;
  /** Every document of Marie's but her person document. */
  readonly marieDocs: string[];
  readonly messages: string[];
  /** Values that say who she is: none may be left after her erasure. */
  readonly personal: string[];
}

let worlds = 0;

/** Writes Marie's world; `tag` keeps the documents of several worlds in one database apart. */
export async function marieWorld(db: Db, tag: string): Promise<MarieWorld> {
  worlds++;
  const phone = `+336123400${String(worlds).padStart(2, '0')}`;
  const personal = [
    `Marie${tag}`,
    `Delmas${tag}`,
    `3 chemin des Vignes ${tag}`,
    `sa fille appelle le soir ${tag}`,
    `marche avec une canne ${tag}`,
    `rendez-vous Dr Martin ${tag}`,
  ];
  const [firstName, lastName, address, notes, needs, note] = personal as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const marieId = `person:marie${tag}0`;
  const jeanId = `person:jean${tag}00`;
  const requestId = `request:req${tag}00`;
  const marie = {
    _id: marieId,
    type: 'person',
    ...relay,
    firstName,
    phone,
    phoneKind: 'mobile',
    homeInsee: '46057',
    roles: ['passenger'],
    consent: { by: 'sophie', method: 'oral', at: relay.createdAt },
    blocked: false,
  };
  // Three revisions: each edit adds something personal the erasure must reach in the history.
  let rev = (await db.insert(marie as never)).rev;
  rev = (await db.insert({ ...marie, _rev: rev, lastName, needs } as never)).rev;
  await db.insert({ ...marie, _rev: rev, lastName, needs, address, notes } as never);

  const jean = {
    ...marie,
    _id: jeanId,
    firstName: `Jean${tag}`,
    phone: `+336999900${String(worlds).padStart(2, '0')}`,
    roles: ['driver'],
  };
  await db.insert(jean as never);
  const tripId = `trip:trip${tag}00`;
  await db.insert({
    _id: tripId,
    type: 'trip',
    ...relay,
    driverId: jeanId,
    fromInsee: '46143',
    toInsee: '46102',
    weekdays: [2, 4],
    departure: '08:15',
    returnDeparture: null,
    seats: 3,
    detourMinutes: 10,
    validFrom: '2026-11-01',
    validUntil: null,
    paused: false,
  } as never);

  const request = {
    _id: requestId,
    type: 'request',
    ...relay,
    passengerId: marieId,
    fromInsee: '46057',
    toInsee: '46102',
    date: '2026-11-26',
    earliest: '08:00',
    latest: '09:30',
    seats: 1,
    channel: 'relay',
    note,
    returnOf: null,
    cancelledAt: null,
  };
  await db.insert(request as never);
  // A rival revision from a device that edited the same request offline.
  await db.bulk({
    docs: [{ ...request, note: `${note} (appareil)`, _rev: '1-0123456789abcdef0123456789abcdef' }],
    new_edits: false,
  } as never);

  const matchId = `match:req${tag}00`;
  const rideId = `ride:req${tag}00-outbound`;
  const messages = [`message:out-${tag}1`, `message:out-${tag}2`, `message:in-${tag}1`];
  const convId = conversationId(phone);
  const taskId = `task:callback-${tag}`;
  const workerDocs = [
    {
      _id: matchId,
      type: 'match',
      ...worker,
      requestId,
      passengerId: marieId,
      state: { status: 'searching', since: worker.createdAt, retryAt: null, tried: [] },
      wakeAt: null,
      requestRev: null,
    },
    {
      _id: rideId,
      type: 'ride',
      ...worker,
      requestId,
      matchId,
      tripId,
      leg: 'outbound',
      driverId: jeanId,
      passengerId: marieId,
      date: '2026-11-26',
      pickupTime: '08:20',
      pickupInsee: '46057',
      dropoffInsee: '46102',
      pickupPlace: address,
      seats: 1,
      contributionCents: 450,
      cancelledAt: null,
    },
    outgoing(
      messages[0]!,
      phone,
      marieId,
      `Bonjour ${firstName}, Jean passe au ${address}`,
      'delivered',
    ),
    // Found by its number alone (sent before the person was known).
    outgoing(messages[1]!, phone, null, `${firstName} ${lastName}, répondez OUI`, 'pending'),
    {
      _id: messages[2],
      type: 'message',
      ...worker,
      direction: 'in',
      from: phone,
      text: `${firstName} ${lastName} cardaillac figeac jeudi 9h`,
      gateway: 'console',
      gatewayMessageId: `g-${tag}`,
      receivedAt: worker.createdAt,
      state: 'handled',
      history: [{ state: 'received', at: worker.createdAt }],
      outcome: 'request',
    },
    {
      _id: convId,
      type: 'conversation',
      ...worker,
      phone,
      personId: marieId,
      draft: null,
      draftAt: null,
      proposal: null,
      optedOut: false,
      applied: [messages[2]],
    },
    {
      _id: taskId,
      type: 'task',
      ...worker,
      kind: 'callback',
      text: `Rappeler ${firstName} ${lastName} (${phone}) : ${needs}`,
      assignee: 'sophie',
      personId: marieId,
      requestId,
      messageId: null,
      doneAt: null,
      doneBy: null,
    },
  ];
  for (const doc of workerDocs) await db.insert(doc as never);
  return {
    marieId,
    jeanId,
    requestId,
    phone,
    marieDocs: [requestId, matchId, rideId, ...messages, convId, taskId],
    messages,
    personal,
  };
}

function outgoing(id: string, to: string, personId: string | null, text: string, state: string) {
  return {
    _id: id,
    type: 'message',
    ...worker,
    direction: 'out',
    to,
    text,
    purpose: 'reply',
    personId,
    relatedId: null,
    state,
    history: [{ state: 'pending', at: worker.createdAt, error: `refused for ${to}` }],
    attempts: state === 'pending' ? 0 : 1,
    notBefore: null,
    gateway: state === 'pending' ? null : 'console',
    gatewayRef: state === 'pending' ? null : `ref-${id}`,
    error: null,
  };
}
