// What a received SMS means in its conversation, as one decision. Which proposal an OUI/NON
// answers: the one this phone was asked about — a driver's phone carries at most one open
// question (its conversation points to that match), so an answer is never ambiguous.
import { isHeldBack } from '../documents/erase';
import { saysThanks } from '../sms/intent';
import { parseSms } from '../sms/parse-sms';
import { tokenizeSms } from '../sms/tokenize';
import { HELP_SMS, NO_PROPOSAL_SMS, NOTHING_TO_CANCEL_SMS, STOP_SMS } from '../sms-templates';
import { continueRequest, dropDraft, liveDraft, notUnderstood, taskText } from './dialogue';
import { EMPTY_DRAFT } from './draft';
import type { InboundDecision, InboundFacts } from './types';

const YES_NO = new Set(['oui', 'ok', 'non', 'daccord', 'dac', ',']);

export function readInbound(facts: InboundFacts): InboundDecision {
  const { sender, conversation } = facts;
  if (isHeldBack(sender))
    return {
      kind: 'to-coordinators',
      outcome: 'blocked',
      task: taskText(facts, 'blocked'),
      reply: null,
      conversation: null,
    };
  const parsed = parseSms(facts.text, { now: new Date(facts.receivedAt), lexicon: facts.lexicon });
  switch (parsed.intent) {
    case 'stop':
      return {
        kind: 'opt-out',
        outcome: 'stop',
        reply: { text: STOP_SMS, purpose: 'reply' },
        conversation: { optedOut: true },
      };
    case 'pause':
      return { kind: 'pause', personId: sender?._id ?? null, conversation: null };
    case 'resume':
      return { kind: 'resume', personId: sender?._id ?? null, conversation: { optedOut: false } };
    case 'help':
      return { kind: 'reply', outcome: 'help', reply: { text: HELP_SMS, purpose: 'reply' } };
    case 'thanks':
      return { kind: 'thanks', outcome: 'thanks' };
    case 'cancel':
      // While a request is being told, ANNULER is about that one (it has no match to cancel).
      return (
        dropDraft(facts) ??
        (sender
          ? { kind: 'cancellation', personId: sender._id }
          : {
              kind: 'reply',
              outcome: 'cancel-nothing',
              reply: { text: NOTHING_TO_CANCEL_SMS, purpose: 'reply' },
            })
      );
    case 'accept':
    case 'decline':
      if (conversation?.proposal)
        return {
          kind: 'answer',
          matchId: conversation.proposal,
          personId: sender?._id ?? null,
          answer: parsed.intent,
        };
      // No proposal, but a request being told: "non, vendredi" corrects it, "oui" alone gets
      // the question again (counted, like any answer that does not answer it).
      if (liveDraft(facts)) return continueRequest(facts, parsed.request ?? EMPTY_DRAFT);
      // "ok merci" after an acknowledgement is a thanks, not a driver's answer.
      if (saysThanks(tokenizeSms(facts.text).filter((t) => !YES_NO.has(t))))
        return { kind: 'thanks', outcome: 'thanks' };
      return {
        kind: 'reply',
        outcome: `${parsed.intent}-without-proposal`,
        reply: { text: NO_PROPOSAL_SMS, purpose: 'reply' },
      };
    case 'request':
      return continueRequest(facts, parsed.request);
    case 'unknown':
      return notUnderstood(facts);
  }
}
