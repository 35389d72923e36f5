// A received SMS: answer, request, dialogue, cancellation, PAUSE/REPRISE, STOP, AIDE. What it
// means is decided by src/lib/domain/conversation; this shell reads what the decision needs,
// calls it, and writes what it returns. Replies are named after the inbound message and the
// conversation remembers the last messages it applied, so a message handled twice acts once.
import {
  COORDINATORS,
  isReceivedInbound,
  normalizePhone,
  type ConversationDoc,
  type Person,
  type RideRequest,
  type StoredIncomingMessage,
  type Trip,
} from '../../src/lib/domain/documents';
import {
  answerProposal,
  chooseCancellation,
  readInbound,
  tripsPausedReply,
  type CancellationCandidate,
  type ConversationChange,
  type InboundDecision,
  type NewSmsPerson,
  type Reply,
  type SmsRequest,
} from '../../src/lib/domain/conversation';
import { outMessageId, taskId } from '../../src/lib/domain/ids';
import { smsPersonId } from '../../src/lib/server/shared/hashed-ids';
import { createOnce, getDoc, stamp, updateDoc } from '../../src/lib/server/shared/store';
import { decideRequestMatch } from '../../src/lib/domain/match';
import type { WorkerContext } from '../worker/context';
import { createMatch, getMatch, writeMatch, type StoredMatch } from '../worker/matches';
import { createTask, queueSms } from '../worker/outbox';
import { BEHIND_MS, lease, LEASE_MS } from '../worker/inbound-lease';
import { getConversation, personByPhone, updateConversation } from '../worker/people';
import type { Handler } from './types';

export const inboundSmsIsRead: Handler<StoredIncomingMessage> = {
  name: 'inbound-sms-is-read',
  appliesTo: isReceivedInbound,
  handle: readInOrder,
};

/** Inbound message ids a conversation remembers as applied. */
const KEEP_APPLIED = 20;

/**
 * A phone's SMS are applied in the order they were received: on a sharded CouchDB the changes
 * feed has no global order, so "REPRISE" then "STOP" may come in either order. An earlier SMS of
 * that phone still waiting is read first; if it fails, it is left to its own change and retries.
 * One another worker is reading puts this one off: the timer brings it back.
 */
async function readInOrder(msg: StoredIncomingMessage, ctx: WorkerContext): Promise<void> {
  let behind = false;
  if (normalizePhone(msg.from).phone) {
    const waiting = await ctx.db.view('worker', 'received_by_phone', {
      startkey: [msg.from],
      endkey: [msg.from, msg.receivedAt],
      inclusive_end: false,
      include_docs: true,
    });
    for (const row of waiting.rows) {
      const earlier: unknown = row.doc;
      if (typeof earlier !== 'object' || earlier === null || !isReceivedInbound(earlier)) continue;
      try {
        if ((await readOne(ctx, earlier)) === 'held') behind = true;
      } catch (error) {
        ctx.log(`${earlier._id} (before ${msg._id}): ${(error as Error).message}`);
      }
    }
  }
  if (!behind) await readOne(ctx, msg);
  else if (await lease(ctx, msg, BEHIND_MS)) ctx.log(`${msg._id}: waits behind an earlier SMS`);
}

async function readOne(
  ctx: WorkerContext,
  received: StoredIncomingMessage,
): Promise<'done' | 'held' | null> {
  const msg = await lease(ctx, received, LEASE_MS);
  if (msg === null || msg === 'held') return msg;
  const now = ctx.clock.now();
  const phone = normalizePhone(msg.from).phone;
  let outcome = 'bad-number';
  if (phone) {
    const conversation = await getConversation(ctx, phone);
    if (conversation?.applied.includes(msg._id)) outcome = 'already-applied';
    else {
      const sender = await personByPhone(ctx, phone);
      const decision = readInbound({
        messageId: msg._id,
        text: msg.text,
        receivedAt: msg.receivedAt,
        phone,
        sender,
        newPersonId: smsPersonId(phone),
        conversation,
        lexicon: ctx.places.lexicon,
        communes: ctx.places.byInsee,
        settings: ctx.settings,
        now,
      });
      const done = await apply(ctx, { msg, phone, sender, conversation, now }, decision);
      outcome = done.outcome;
      await updateConversation(ctx, phone, (c) =>
        c.applied.includes(msg._id)
          ? null
          : {
              ...changed(c, done.conversation),
              applied: [...c.applied, msg._id].slice(-KEEP_APPLIED),
            },
      );
    }
  }
  // Over whatever revision holds our lease now (a rival one may have replaced ours on a cluster).
  await updateDoc<object>(ctx.db, msg._id, (current) =>
    current && isReceivedInbound(current)
      ? stamp(
          {
            ...current,
            state: 'handled' as const,
            outcome,
            lease: null,
            history: [...current.history, { state: 'handled', at: now.toISOString() }],
          },
          now,
        )
      : null,
  );
  ctx.log(`${msg._id}: ${outcome}`);
  return 'done';
}

function changed(c: ConversationDoc, change: ConversationChange | null): ConversationDoc {
  if (!change) return c;
  return {
    ...c,
    ...(change.draft ?? {}),
    ...(change.optedOut === undefined ? {} : { optedOut: change.optedOut }),
  };
}

interface Sms {
  readonly msg: StoredIncomingMessage;
  readonly phone: string;
  readonly sender: Person | null;
  readonly conversation: ConversationDoc | null;
  readonly now: Date;
}

interface Done {
  readonly outcome: string;
  readonly conversation: ConversationChange | null;
}

/** Writes what the decision says, after the second read some decisions need. */
async function apply(ctx: WorkerContext, sms: Sms, d: InboundDecision): Promise<Done> {
  switch (d.kind) {
    case 'thanks':
      return { outcome: d.outcome, conversation: null };
    case 'reply':
      await reply(ctx, sms, d.reply);
      return { outcome: d.outcome, conversation: null };
    case 'opt-out':
    case 'draft':
      await reply(ctx, sms, d.reply);
      return { outcome: d.outcome, conversation: d.conversation };
    case 'to-coordinators':
      await createTask(ctx, {
        id: taskId('read', sms.msg._id),
        kind: 'read-sms',
        assignee: null,
        personId: sms.sender?._id ?? null,
        requestId: null,
        messageId: sms.msg._id,
        text: d.task,
      });
      if (d.reply) await reply(ctx, sms, d.reply);
      return { outcome: d.outcome, conversation: d.conversation };
    case 'new-request':
      // The acknowledgement first: it is queued before the ride or "nobody yet" it announces.
      if (d.reply) await reply(ctx, sms, d.reply);
      await createRequest(ctx, sms, d.request, d.passenger);
      return { outcome: d.outcome, conversation: d.conversation };
    case 'pause':
    case 'resume':
      return {
        outcome: await pauseTrips(ctx, sms, d.personId, d.kind === 'pause'),
        conversation: d.conversation,
      };
    case 'cancellation':
      return { outcome: await cancel(ctx, sms, d.personId), conversation: null };
    case 'answer':
      return {
        outcome: await answer(ctx, sms, d.matchId, d.personId, d.answer),
        conversation: null,
      };
  }
}

async function reply(ctx: WorkerContext, sms: Sms, r: Reply): Promise<void> {
  await queueSms(ctx, {
    id: outMessageId('re', sms.msg._id),
    to: sms.phone,
    text: r.text,
    purpose: r.purpose,
    personId: sms.sender?._id ?? null,
    relatedId: sms.msg._id,
  });
}

/**
 * The request, its passenger first when the phone is unknown, and its match at once, so that an
 * ANNULER read right after it finds it (request-opens-match then finds the match there).
 */
async function createRequest(
  ctx: WorkerContext,
  sms: Sms,
  request: SmsRequest,
  newPassenger: NewSmsPerson | null,
): Promise<void> {
  let readers: readonly string[] = sms.sender?.readers ?? [COORDINATORS];
  if (newPassenger) {
    const person = stamp(newPassenger, sms.now, [COORDINATORS]);
    await createOnce(ctx.db, person);
    readers = (await getDoc<Person>(ctx.db, person._id))?.readers ?? person.readers;
  }
  await createOnce(ctx.db, stamp(request, sms.now, readers));
  const stored = await getDoc<RideRequest>(ctx.db, request._id);
  const opening = stored ? decideRequestMatch(stored, null, sms.now) : null;
  if (stored && opening?.action === 'open') await createMatch(ctx, opening.match, stored.readers);
}

/** PAUSE / REPRISE: a driver's trips stop or start being offered, re-reading each on conflict. */
async function pauseTrips(
  ctx: WorkerContext,
  sms: Sms,
  personId: string | null,
  paused: boolean,
): Promise<string> {
  // The view's trips and the feed's: the view may not show a trip just declared (docs/cluster.md).
  const trips = personId
    ? [
        ...new Set([
          ...(await ctx.db.view('worker', 'trips_by_driver', { key: personId })).rows.map(
            (r) => r.id,
          ),
          ...ctx.trips.tripIdsOf(personId),
        ]),
      ]
    : [];
  for (const id of trips) {
    await updateDoc<Trip>(ctx.db, id, (trip) =>
      trip && trip.paused !== paused ? (stamp({ ...trip, paused }, sms.now) as Trip) : null,
    );
  }
  const told = tripsPausedReply(paused, trips.length);
  await reply(ctx, sms, told.reply);
  return told.outcome;
}

/** ANNULER: the sender's matches under way and their requests, then the soonest one moves. */
async function cancel(ctx: WorkerContext, sms: Sms, personId: string): Promise<string> {
  const res = await ctx.db.view('worker', 'active_by_person', {
    key: personId,
    include_docs: true,
  });
  const matches = new Map<string, StoredMatch>();
  for (const row of res.rows) matches.set(row.id, row.doc as StoredMatch);
  // The question this phone was asked, by id: the view may not show a match just asking.
  const asked = sms.conversation?.proposal ? await getMatch(ctx, sms.conversation.proposal) : null;
  if (asked?.state.status === 'asking' && asked.state.proposal.driverId === personId)
    matches.set(asked._id, asked);
  const candidates: CancellationCandidate<StoredMatch>[] = [];
  for (const match of matches.values()) {
    const request = await getDoc<RideRequest>(ctx.db, match.requestId);
    if (request) candidates.push({ match, request });
  }
  const choice = chooseCancellation(personId, candidates, sms.now);
  if (choice.kind === 'cancel' && !(await writeMatch(ctx, choice.match, choice.next)))
    throw new Error(`${choice.match._id}: changed while cancelling; will retry`);
  await reply(ctx, sms, choice.reply);
  return choice.outcome;
}

/** OUI / NON to the match this phone was asked about, re-read when another worker moved it. */
async function answer(
  ctx: WorkerContext,
  sms: Sms,
  matchId: string,
  personId: string | null,
  said: 'accept' | 'decline',
): Promise<string> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const answered = answerProposal(await getMatch(ctx, matchId), personId, said, sms.now);
    if (answered.kind === 'late') {
      await reply(ctx, sms, answered.reply);
      return answered.outcome;
    }
    if (await writeMatch(ctx, answered.match, answered.next)) return answered.outcome;
  }
  throw new Error(`${matchId}: answer not recorded after 4 conflicts`);
}
