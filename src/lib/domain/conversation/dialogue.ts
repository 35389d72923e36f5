// A request told over one or several SMS: what is known waits in the conversation until the
// places and the day are there (scenario 3), and a message nobody can read keeps the day and
// time it gave (scenario 4).
import { normalizePhone, UNKNOWN_FIRST_NAME, WORKER } from '../documents';
import { smsRequestId } from '../ids';
import { localDateOf } from '../schedule/calendar';
import { extractSchedule } from '../schedule/extract-schedule';
import { DEFAULT_TIME_SETTINGS } from '../schedule/time-settings';
import { mergeRequestDraft } from '../sms/merge-request-draft';
import { tokenizeSms } from '../sms/tokenize';
import type { RequestDraft } from '../sms/types';
import {
  ASK_DATE_SMS,
  ASK_PLACES_SMS,
  readSmsTaskText,
  SMS_PERSON_NOTE,
  smsRequestNote,
} from '../sms-templates';
import type { InboundDecision, InboundFacts, NewSmsPerson } from './types';

/** The draft the conversation still holds: null when none, or older than the dialogue's TTL. */
export function liveDraft(facts: InboundFacts): RequestDraft | null {
  const c = facts.conversation;
  if (!c?.draft || !c.draftAt) return null;
  const age = facts.now.getTime() - Date.parse(c.draftAt);
  return age < facts.settings.dialogueTtlMinutes * 60_000 ? c.draft : null;
}

const keep = (draft: RequestDraft, now: Date) => ({
  draft: { draft, draftAt: now.toISOString() },
});

/** What this SMS said, merged into the live draft; asks what is missing, or makes the request. */
export function continueRequest(facts: InboundFacts, said: RequestDraft): InboundDecision {
  const previous = liveDraft(facts);
  let draft = previous ? mergeRequestDraft(previous, said) : said;
  const home = facts.sender?.homeInsee;
  if (draft.from === null && draft.to !== null && home && home !== draft.to)
    draft = { ...draft, from: home };
  if (draft.from === null || draft.to === null)
    return {
      kind: 'draft',
      outcome: 'asked-places',
      reply: { text: ASK_PLACES_SMS, purpose: 'question' },
      conversation: keep(draft, facts.now),
    };
  if (draft.date === null)
    return {
      kind: 'draft',
      outcome: 'asked-date',
      reply: { text: ASK_DATE_SMS, purpose: 'question' },
      conversation: keep(draft, facts.now),
    };
  const passenger = facts.sender ? null : smsPerson(facts, draft.from);
  const window =
    draft.earliest !== null && draft.latest !== null
      ? { earliest: draft.earliest, latest: draft.latest }
      : facts.settings.dayWindow;
  return {
    kind: 'new-request',
    outcome: 'request',
    passenger,
    request: {
      _id: smsRequestId(facts.messageId),
      type: 'request',
      schema: 1,
      passengerId: facts.sender?._id ?? facts.newPersonId,
      fromInsee: draft.from,
      toInsee: draft.to,
      date: draft.date,
      earliest: window.earliest,
      latest: window.latest,
      seats: 1,
      channel: 'sms',
      note: smsRequestNote(facts.text),
      returnOf: null,
      cancelledAt: null,
    },
    conversation: { draft: { draft: null, draftAt: null } },
  };
}

/** A minimal passenger for an unknown phone, home = the first origin it asked from. */
function smsPerson(facts: InboundFacts, homeInsee: string): NewSmsPerson {
  return {
    _id: facts.newPersonId,
    type: 'person',
    schema: 1,
    firstName: UNKNOWN_FIRST_NAME,
    phone: facts.phone,
    phoneKind: normalizePhone(facts.phone).phoneKind,
    homeInsee,
    roles: ['passenger'],
    consent: { by: WORKER, method: 'sms', at: facts.now.toISOString() },
    blocked: false,
    notes: SMS_PERSON_NOTE,
  };
}

/** Not understood: a coordinator reads it, the sender is asked where, the day and time are kept. */
export function notUnderstood(facts: InboundFacts): InboundDecision {
  const today = localDateOf(new Date(facts.receivedAt));
  const schedule = extractSchedule(tokenizeSms(facts.text), today, DEFAULT_TIME_SETTINGS);
  let conversation = null;
  if (schedule.date !== null || schedule.earliest !== null) {
    const said: RequestDraft = {
      from: null,
      to: null,
      date: schedule.date,
      earliest: schedule.earliest,
      latest: schedule.latest,
      placeEvidence: 'none',
    };
    const previous = liveDraft(facts);
    conversation = keep(previous ? mergeRequestDraft(previous, said) : said, facts.now);
  }
  return {
    kind: 'to-coordinators',
    outcome: 'unknown',
    task: taskText(facts, 'not-understood'),
    reply: { text: ASK_PLACES_SMS, purpose: 'question' },
    conversation,
  };
}

export function taskText(facts: InboundFacts, reason: 'blocked' | 'not-understood'): string {
  return readSmsTaskText({
    reason,
    phone: facts.phone,
    firstName: facts.sender?.firstName ?? null,
    text: facts.text,
  });
}
