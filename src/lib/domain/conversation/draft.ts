// The request being told over several SMS, as the conversation keeps it (docs/sms-understanding.md
// "Dialogue"): what is known, the last question asked and how often, and whether a coordinator
// took it over. The coordinators' console reads the same shape to carry the conversation on.
import { mergeRequestDraft } from '../sms/merge-request-draft';
import type { RequestDraft } from '../sms/types';
import type { Question } from '../sms-templates/questions';

export type { Question } from '../sms-templates/questions';

export interface DialogueDraft extends RequestDraft {
  /** The last question asked about this draft, and how many times in a row (at most MAX_ASKS). */
  readonly asked?: { readonly question: Question; readonly times: number } | null;
  /** The same question went unanswered MAX_ASKS times: a coordinator calls, nothing more is asked. */
  readonly handedOver?: boolean;
}

/** A question is asked twice at most: a third time would only annoy, a person does better. */
export const MAX_ASKS = 2;

export const EMPTY_DRAFT: RequestDraft = {
  from: null,
  to: null,
  date: null,
  earliest: null,
  latest: null,
  placeEvidence: 'none',
};

/** What a request needs, all known. */
export interface WholeRequest {
  readonly from: string;
  readonly to: string;
  readonly date: string;
  readonly earliest: string;
  readonly latest: string;
}

/** The one question still to ask, places first, or the whole request when nothing is missing. */
export function nextStep(
  d: RequestDraft,
): { readonly question: Question } | { readonly whole: WholeRequest } {
  const { from, to, date, earliest, latest } = d;
  if (from === null && to === null) return { question: 'places' };
  if (from === null) return { question: 'from' };
  if (to === null) return { question: 'to' };
  if (earliest === null || latest === null)
    return { question: date === null ? 'date-time' : 'time' };
  if (date === null) return { question: 'date' };
  return { whole: { from, to, date, earliest, latest } };
}

/** Both ends and a day: a request of its own, not an answer to the question asked. */
export const isWholeRequest = (d: RequestDraft) =>
  d.from !== null && d.to !== null && d.date !== null;

/** Only what the request says, without the dialogue's bookkeeping. */
export function requestPart(d: DialogueDraft): RequestDraft {
  const { from, to, date, earliest, latest, placeEvidence } = d;
  return { from, to, date, earliest, latest, placeEvidence };
}

/** Both say the same request (the dialogue's bookkeeping aside). */
export function sameRequest(a: RequestDraft, b: RequestDraft): boolean {
  return (
    a.from === b.from &&
    a.to === b.to &&
    a.date === b.date &&
    a.earliest === b.earliest &&
    a.latest === b.latest
  );
}

/**
 * The answer `said` merged into what was known. A whole new request replaces the draft (its
 * time is not the old one's); "de Cajarc" when Cajarc was taken for the destination moves it
 * to the origin (the guess is corrected); everything else is mergeRequestDraft.
 */
export function mergeAnswer(previous: DialogueDraft, said: RequestDraft): RequestDraft {
  if (isWholeRequest(said)) return requestPart(said);
  let known = requestPart(previous);
  if (said.placeEvidence === 'marker') {
    if (said.from !== null && said.to === null && said.from === known.to)
      known = { ...known, to: null };
    if (said.to !== null && said.from === null && said.to === known.from)
      known = { ...known, from: null };
  }
  return mergeRequestDraft(known, said);
}
