// A request told over one or several SMS (issue 9): what is known waits in the conversation's
// draft, and each SMS gets one short question for only what is still missing, saying what was
// understood. The same question twice without an answer, and a coordinator takes over.
import { normalizePhone, UNKNOWN_FIRST_NAME, WORKER } from '../documents';
import { smsRequestId } from '../ids';
import { localDateOf } from '../schedule/calendar';
import { extractSchedule } from '../schedule/extract-schedule';
import { DEFAULT_TIME_SETTINGS } from '../schedule/time-settings';
import { tokenizeSms } from '../sms/tokenize';
import type { RequestDraft } from '../sms/types';
import { readSmsTaskText, SMS_PERSON_NOTE, smsRequestNote } from '../sms-templates';
import {
  DRAFT_DROPPED_SMS,
  HANDED_OVER_SMS,
  handOverTaskText,
  questionSms,
  requestNotedSms,
  type KnownSoFar,
} from '../sms-templates/questions';
import { saysAnyTime } from './any-time';
import {
  EMPTY_DRAFT,
  isWholeRequest,
  MAX_ASKS,
  mergeAnswer,
  nextStep,
  sameRequest,
  type DialogueDraft,
  type Question,
  type WholeRequest,
} from './draft';
import type { InboundDecision, InboundFacts, NewSmsPerson } from './types';

/** The draft the conversation still holds: null when none, or older than the dialogue's TTL. */
export function liveDraft(facts: InboundFacts): DialogueDraft | null {
  const c = facts.conversation;
  if (!c?.draft || !c.draftAt) return null;
  const age = facts.now.getTime() - Date.parse(c.draftAt);
  return age < facts.settings.dialogueTtlMinutes * 60_000 ? c.draft : null;
}

const keep = (draft: DialogueDraft, now: Date) => ({
  draft: { draft, draftAt: now.toISOString() },
});
const forget = { draft: { draft: null, draftAt: null } };

/** What this SMS said, merged into the live draft; asks what is missing, or makes the request. */
export function continueRequest(facts: InboundFacts, said: RequestDraft): InboundDecision {
  // Two places and a day start afresh: no question is pending for them, nothing was handed over.
  const previous = isWholeRequest(said) ? null : liveDraft(facts);
  const draft = withContext(facts, previous ? mergeAnswer(previous, said) : said);
  const next = nextStep(draft);
  if ('whole' in next) return makeRequest(facts, next.whole, previous !== null);
  return ask(facts, previous, draft, next.question);
}

/** ANNULER while a request is being told forgets it; null when no request is being told. */
export function dropDraft(facts: InboundFacts): InboundDecision | null {
  if (!liveDraft(facts)) return null;
  return {
    kind: 'draft',
    outcome: 'dropped',
    reply: { text: DRAFT_DROPPED_SMS, purpose: 'reply' },
    conversation: forget,
  };
}

/**
 * What the SMS does not say but the context does: the home commune is the origin of a trip
 * elsewhere, "peu importe" is the whole day, and a day already past (a draft told yesterday
 * about "aujourd'hui") must be asked again.
 */
function withContext(facts: InboundFacts, d: RequestDraft): RequestDraft {
  const home = facts.sender?.homeInsee;
  if (d.from === null && d.to !== null && home && home !== d.to) d = { ...d, from: home };
  if (d.earliest === null && saysAnyTime(facts.text)) d = { ...d, ...facts.settings.dayWindow };
  if (d.date !== null && d.date < localDateOf(new Date(facts.receivedAt))) d = { ...d, date: null };
  return d;
}

const known = (facts: InboundFacts, d: RequestDraft | WholeRequest): KnownSoFar => {
  const name = (insee: string | null) =>
    insee === null ? null : (facts.communes.get(insee)?.name ?? insee);
  return {
    fromName: name(d.from),
    toName: name(d.to),
    date: d.date,
    earliest: d.earliest,
    latest: d.latest,
  };
};

/** The question `question`, unless it went unanswered MAX_ASKS times: then a coordinator. */
function ask(
  facts: InboundFacts,
  previous: DialogueDraft | null,
  draft: RequestDraft,
  question: Question,
): InboundDecision {
  const last = previous?.asked ?? null;
  // Asked again only when the answer added nothing: "non, vendredi" to "à quelle heure ?" helped.
  const times =
    last?.question === question && previous !== null && sameRequest(previous, draft)
      ? last.times + 1
      : 1;
  if (previous?.handedOver || times > MAX_ASKS) {
    // Told once that someone will call; later SMS only add to what the coordinator reads.
    const told = previous?.handedOver === true;
    return {
      kind: 'to-coordinators',
      outcome: told ? 'handed-over' : 'gave-up',
      task: handOverTaskText({
        phone: facts.phone,
        firstName: facts.sender?.firstName ?? null,
        text: facts.text,
        known: known(facts, draft),
      }),
      reply: told ? null : { text: HANDED_OVER_SMS, purpose: 'reply' },
      conversation: keep({ ...draft, asked: last, handedOver: true }, facts.now),
    };
  }
  return {
    kind: 'draft',
    outcome: `asked-${question}`,
    reply: { text: questionSms(question, known(facts, draft), times > 1), purpose: 'question' },
    conversation: keep({ ...draft, asked: { question, times } }, facts.now),
  };
}

function makeRequest(facts: InboundFacts, whole: WholeRequest, answered: boolean): InboundDecision {
  const { from, to, date, earliest, latest } = whole;
  return {
    kind: 'new-request',
    outcome: 'request',
    passenger: facts.sender ? null : smsPerson(facts, from),
    request: {
      _id: smsRequestId(facts.messageId),
      type: 'request',
      schema: 1,
      passengerId: facts.sender?._id ?? facts.newPersonId,
      fromInsee: from,
      toInsee: to,
      date,
      earliest,
      latest,
      seats: 1,
      channel: 'sms',
      note: smsRequestNote(facts.text),
      returnOf: null,
      cancelledAt: null,
    },
    // An answer to a question is acknowledged; a request said at once gets its one answer later.
    reply: answered ? { text: requestNotedSms(known(facts, whole)), purpose: 'reply' } : null,
    conversation: forget,
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

/**
 * Not understood: a coordinator reads it, and the sender is asked what the request still lacks;
 * the day and time it gave are kept (scenario 4), and "peu importe" answers "à quelle heure ?".
 */
export function notUnderstood(facts: InboundFacts): InboundDecision {
  const today = localDateOf(new Date(facts.receivedAt));
  const schedule = extractSchedule(tokenizeSms(facts.text), today, DEFAULT_TIME_SETTINGS);
  const said: RequestDraft = {
    ...EMPTY_DRAFT,
    date: schedule.date,
    earliest: schedule.earliest,
    latest: schedule.latest,
  };
  const previous = liveDraft(facts);
  const draft = withContext(facts, previous ? mergeAnswer(previous, said) : said);
  const next = nextStep(draft);
  if ('whole' in next) return makeRequest(facts, next.whole, true);
  const asked = ask(facts, previous, draft, next.question);
  if (asked.kind !== 'draft') return asked;
  return {
    kind: 'to-coordinators',
    outcome: 'unknown',
    task: taskText(facts, 'not-understood'),
    reply: asked.reply,
    conversation: asked.conversation,
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
