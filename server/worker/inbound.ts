// What a received SMS does. Which proposal an OUI/NON answers: the one the sender's phone was
// asked about — a driver's phone carries at most one open question (its conversation points to
// that match), so the answer is never ambiguous. Replies are named after the inbound message,
// and the conversation remembers the last messages it applied, so a message handled twice acts
// once.
import { UNKNOWN_FIRST_NAME } from '../../src/lib/domain/documents';
import {
  COORDINATORS,
  normalizePhone,
  type ConversationDoc,
  type IncomingMessageDoc,
  type Person,
  type RideRequest,
  type Trip,
} from '../../src/lib/domain/documents';
import {
  acceptProposal,
  cancelRequest,
  declineProposal,
  driverCancels,
  isCancellable,
} from '../../src/lib/domain/match/state';
import { localDateOf } from '../../src/lib/domain/schedule/calendar';
import { extractSchedule } from '../../src/lib/domain/schedule/extract-schedule';
import { DEFAULT_TIME_SETTINGS } from '../../src/lib/domain/schedule/time-settings';
import { mergeRequestDraft } from '../../src/lib/domain/sms/merge-request-draft';
import { parseSms } from '../../src/lib/domain/sms/parse-sms';
import { tokenizeSms } from '../../src/lib/domain/sms/tokenize';
import type { RequestDraft } from '../../src/lib/domain/sms/types';
import * as T from '../../src/lib/domain/sms-templates';
import type { WorkerContext } from './context';
import { outMessageId, rideIdOf, smsRequestId, taskId } from '../../src/lib/domain/ids';
import { smsPersonId } from '../../src/lib/server/shared/hashed-ids';
import { getMatch, writeMatch, type StoredMatch } from './matches';
import { createTask, queueSms } from './outbox';
import { getConversation, personByPhone, updateConversation } from './people';
import { createOnce, getDoc, putDoc, stamp, updateDoc } from '../../src/lib/server/shared/store';

type Stored<T> = T & { _rev: string };

interface Sms {
  readonly msg: Stored<IncomingMessageDoc>;
  readonly phone: string;
  readonly person: Person | null;
  readonly conversation: ConversationDoc | null;
  readonly now: Date;
}

const KEEP_APPLIED = 20;

export async function readInbound(
  ctx: WorkerContext,
  msg: Stored<IncomingMessageDoc>,
): Promise<void> {
  if (msg.state !== 'received') return;
  const now = ctx.clock.now();
  const phone = normalizePhone(msg.from).phone;
  let outcome = 'bad-number';
  if (phone) {
    const conversation = await getConversation(ctx, phone);
    if (conversation?.applied.includes(msg._id)) outcome = 'already-applied';
    else {
      const person = await personByPhone(ctx, phone);
      outcome = await understand(ctx, { msg, phone, person, conversation, now });
      await updateConversation(ctx, phone, (c) =>
        c.applied.includes(msg._id)
          ? null
          : { ...c, applied: [...c.applied, msg._id].slice(-KEEP_APPLIED) },
      );
    }
  }
  const handled = {
    ...msg,
    state: 'handled' as const,
    outcome,
    history: [...msg.history, { state: 'handled', at: now.toISOString() }],
  };
  await putDoc(ctx.db, stamp(handled, now)); // a 409: another worker marked it first
  ctx.log(`${msg._id}: ${outcome}`);
}

async function reply(ctx: WorkerContext, sms: Sms, text: string, purpose = 'reply') {
  await queueSms(ctx, {
    id: outMessageId('re', sms.msg._id),
    to: sms.phone,
    text,
    purpose,
    personId: sms.person?._id ?? null,
    relatedId: sms.msg._id,
  });
}

async function understand(ctx: WorkerContext, sms: Sms): Promise<string> {
  if (sms.person?.blocked) {
    await toCoordinators(ctx, sms, 'blocked');
    return 'blocked';
  }
  const parsed = parseSms(sms.msg.text, {
    now: new Date(sms.msg.receivedAt),
    lexicon: ctx.places.lexicon,
  });
  switch (parsed.intent) {
    case 'stop':
      await updateConversation(ctx, sms.phone, (c) =>
        c.optedOut ? null : { ...c, optedOut: true },
      );
      await reply(ctx, sms, T.STOP_SMS);
      return 'stop';
    case 'pause':
    case 'resume':
      return pauseTrips(ctx, sms, parsed.intent === 'pause');
    case 'help':
      await reply(ctx, sms, T.HELP_SMS);
      return 'help';
    case 'thanks':
      return 'thanks';
    case 'cancel':
      return cancelFromSms(ctx, sms);
    case 'accept':
    case 'decline':
      if (sms.conversation?.proposal) return answerProposal(ctx, sms, parsed.intent);
      if (parsed.request && hasDraft(ctx, sms)) return continueRequest(ctx, sms, parsed.request);
      await reply(ctx, sms, T.NO_PROPOSAL_SMS);
      return `${parsed.intent}-without-proposal`;
    case 'request':
      return continueRequest(ctx, sms, parsed.request);
    case 'unknown':
      return notUnderstood(ctx, sms);
  }
}

function hasDraft(ctx: WorkerContext, sms: Sms): boolean {
  const c = sms.conversation;
  if (!c?.draft || !c.draftAt) return false;
  return sms.now.getTime() - Date.parse(c.draftAt) < ctx.settings.dialogueTtlMinutes * 60_000;
}

async function saveDraft(ctx: WorkerContext, sms: Sms, draft: RequestDraft | null) {
  const at = draft ? sms.now.toISOString() : null;
  await updateConversation(ctx, sms.phone, (c) => ({ ...c, draft, draftAt: at }));
}

async function continueRequest(ctx: WorkerContext, sms: Sms, said: RequestDraft): Promise<string> {
  let draft = hasDraft(ctx, sms) ? mergeRequestDraft(sms.conversation!.draft!, said) : said;
  const home = sms.person?.homeInsee;
  if (draft.from === null && draft.to !== null && home && home !== draft.to)
    draft = { ...draft, from: home };
  if (draft.from === null || draft.to === null) {
    await reply(ctx, sms, T.ASK_PLACES_SMS, 'question');
    await saveDraft(ctx, sms, draft);
    return 'asked-places';
  }
  if (draft.date === null) {
    await reply(ctx, sms, T.ASK_DATE_SMS, 'question');
    await saveDraft(ctx, sms, draft);
    return 'asked-date';
  }
  const passenger = sms.person ?? (await createSmsPerson(ctx, sms, draft.from));
  const timed = draft.earliest !== null && draft.latest !== null;
  const request: Omit<
    RideRequest,
    'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'readers'
  > = {
    _id: smsRequestId(sms.msg._id),
    type: 'request',
    schema: 1,
    passengerId: passenger._id,
    fromInsee: draft.from,
    toInsee: draft.to,
    date: draft.date,
    earliest: timed ? draft.earliest! : ctx.settings.dayWindow.earliest,
    latest: timed ? draft.latest! : ctx.settings.dayWindow.latest,
    seats: 1,
    channel: 'sms',
    note: T.smsRequestNote(sms.msg.text),
    returnOf: null,
    cancelledAt: null,
  };
  await createOnce(ctx.db, stamp(request, sms.now, passenger.readers));
  if (sms.conversation?.draft) await saveDraft(ctx, sms, null);
  // No acknowledgement: the passenger gets one answer, the ride or "nobody yet".
  return 'request';
}

async function createSmsPerson(ctx: WorkerContext, sms: Sms, homeInsee: string): Promise<Person> {
  const person = stamp(
    {
      _id: smsPersonId(sms.phone),
      type: 'person' as const,
      schema: 1 as const,
      firstName: UNKNOWN_FIRST_NAME,
      phone: sms.phone,
      phoneKind: normalizePhone(sms.phone).phoneKind,
      homeInsee,
      roles: ['passenger' as const],
      consent: { by: 'worker', method: 'sms' as const, at: sms.now.toISOString() },
      blocked: false,
      notes: T.SMS_PERSON_NOTE,
    },
    sms.now,
    [COORDINATORS],
  ) as Person;
  await createOnce(ctx.db, person);
  return (await getDoc<Person>(ctx.db, person._id)) ?? person;
}

async function toCoordinators(ctx: WorkerContext, sms: Sms, reason: T.ReadSmsReason) {
  await createTask(ctx, {
    id: taskId('read', sms.msg._id),
    kind: 'read-sms',
    assignee: null,
    personId: sms.person?._id ?? null,
    requestId: null,
    messageId: sms.msg._id,
    text: T.readSmsTaskText({
      reason,
      phone: sms.phone,
      firstName: sms.person?.firstName ?? null,
      text: sms.msg.text,
    }),
  });
}

async function notUnderstood(ctx: WorkerContext, sms: Sms): Promise<string> {
  // Keep the day and time it gave, so the dialogue goes on from there (scenario 4).
  const today = localDateOf(new Date(sms.msg.receivedAt));
  const schedule = extractSchedule(tokenizeSms(sms.msg.text), today, DEFAULT_TIME_SETTINGS);
  if (schedule.date !== null || schedule.earliest !== null) {
    const said: RequestDraft = {
      from: null,
      to: null,
      date: schedule.date,
      earliest: schedule.earliest,
      latest: schedule.latest,
      placeEvidence: 'none',
    };
    await saveDraft(
      ctx,
      sms,
      hasDraft(ctx, sms) ? mergeRequestDraft(sms.conversation!.draft!, said) : said,
    );
  }
  await toCoordinators(ctx, sms, 'not-understood');
  await reply(ctx, sms, T.ASK_PLACES_SMS, 'question');
  return 'unknown';
}

async function answerProposal(
  ctx: WorkerContext,
  sms: Sms,
  answer: 'accept' | 'decline',
): Promise<string> {
  const matchId = sms.conversation!.proposal!;
  for (let attempt = 0; attempt < 4; attempt++) {
    const match = await getMatch(ctx, matchId);
    const s = match?.state;
    if (!match || s?.status !== 'asking' || s.proposal.driverId !== sms.person?._id) {
      await reply(ctx, sms, T.NO_PROPOSAL_SMS);
      return `${answer}-late`;
    }
    const next =
      answer === 'accept'
        ? acceptProposal(s, sms.now, rideIdOf(match._id, s.proposal.attempt))
        : declineProposal(s, sms.now);
    if (await writeMatch(ctx, match, next)) return answer;
  }
  throw new Error(`${matchId}: answer not recorded after 4 conflicts`);
}

async function activeMatches(ctx: WorkerContext, personId: string) {
  const res = await ctx.db.view('worker', 'active_by_person', {
    key: personId,
    include_docs: true,
  });
  const found = new Map<string, { match: StoredMatch; role: string }>();
  for (const row of res.rows)
    found.set(row.id, { match: row.doc as StoredMatch, role: row.value as string });
  return [...found.values()];
}

/** ANNULER cancels the soonest ride or request under way of whoever sends it. */
async function cancelFromSms(ctx: WorkerContext, sms: Sms): Promise<string> {
  if (!sms.person) {
    await reply(ctx, sms, T.NOTHING_TO_CANCEL_SMS);
    return 'cancel-nothing';
  }
  const candidates: { match: StoredMatch; role: string; request: RideRequest }[] = [];
  for (const { match, role } of await activeMatches(ctx, sms.person._id)) {
    const request = await getDoc<RideRequest>(ctx.db, match.requestId);
    if (request && `${request.date} ${request.latest}` >= T.nowKey(sms.now))
      candidates.push({ match, role, request });
  }
  candidates.sort((a, b) =>
    `${a.request.date} ${a.request.earliest}`.localeCompare(
      `${b.request.date} ${b.request.earliest}`,
    ),
  );
  const target = candidates[0];
  if (!target) {
    await reply(ctx, sms, T.NOTHING_TO_CANCEL_SMS);
    return 'cancel-nothing';
  }
  const { match, request } = target;
  const s = match.state;
  const asDriver =
    s.status !== 'searching' && 'proposal' in s && s.proposal.driverId === sms.person._id;
  let written = false;
  if (asDriver && s.status === 'asking')
    written = await writeMatch(ctx, match, declineProposal(s, sms.now));
  else if (asDriver && s.status === 'confirmed')
    written = await writeMatch(ctx, match, driverCancels(s, sms.now));
  else if (isCancellable(s))
    written = await writeMatch(ctx, match, cancelRequest(s, sms.now, 'passenger'));
  if (!written) throw new Error(`${match._id}: changed while cancelling; will retry`);
  await reply(ctx, sms, T.cancelAckSms(request.date));
  return asDriver ? 'cancel-driver' : 'cancel-passenger';
}

/** PAUSE / REPRISE: a driver's trips stop or start being offered (REPRISE also undoes STOP). */
async function pauseTrips(ctx: WorkerContext, sms: Sms, paused: boolean): Promise<string> {
  if (!paused)
    await updateConversation(ctx, sms.phone, (c) =>
      c.optedOut ? { ...c, optedOut: false } : null,
    );
  const trips = sms.person
    ? (await ctx.db.view('worker', 'trips_by_driver', { key: sms.person._id })).rows.map(
        (r) => r.id,
      )
    : [];
  for (const id of trips) {
    await updateDoc<Trip>(ctx.db, id, (trip) =>
      trip && trip.paused !== paused ? (stamp({ ...trip, paused }, sms.now) as Trip) : null,
    );
  }
  if (trips.length === 0 && paused) {
    await reply(ctx, sms, T.HELP_SMS);
    return 'pause-no-trip';
  }
  await reply(ctx, sms, paused ? T.PAUSE_SMS : T.RESUME_SMS);
  return paused ? 'pause' : 'resume';
}
