// Facts of one received SMS for the conversation's tests: a Monday morning in the Lot, the
// reader's test gazetteer, the worker's default dialogue settings; and a dialogue played on them.
import type { ConversationDoc, Person } from '../documents';
import { buildPlaceLexicon } from '../sms/place-lexicon';
import { TEST_GAZETTEER } from '../sms/test-gazetteer';
import type { DialogueDraft } from './draft';
import { readInbound } from './read-inbound';
import type { InboundDecision, InboundFacts } from './types';

export const INSEE = {
  cahors: '46042',
  cajarc: '46045',
  figeac: '46102',
  gramat: '46128',
  payrac: '46215',
  souillac: '46309',
} as const;

export const MONDAY = '2026-11-23T09:15:00.000Z'; // 10:15 in Paris
const HOUR_AGO = '2026-11-23T08:15:00.000Z';

const lexicon = buildPlaceLexicon(TEST_GAZETTEER);
const communes = new Map(TEST_GAZETTEER.communes.map((c) => [c.insee, c]));

export function person(over: Partial<Person> = {}): Person {
  return {
    _id: 'person:marie-0001',
    type: 'person',
    schema: 1,
    createdAt: MONDAY,
    createdBy: 'sophie',
    updatedAt: MONDAY,
    updatedBy: 'sophie',
    readers: ['role:coordinator', 'user:sophie'],
    firstName: 'Marie',
    phone: '+33639980201',
    phoneKind: 'mobile',
    homeInsee: INSEE.gramat,
    roles: ['passenger'],
    consent: { by: 'sophie', method: 'oral', at: MONDAY },
    blocked: false,
    ...over,
  };
}

type Conversation = Pick<ConversationDoc, 'draft' | 'draftAt' | 'proposal'>;

export function facts(
  text: string,
  over: Partial<Omit<InboundFacts, 'conversation'>> & {
    conversation?: Partial<Conversation> | null;
  } = {},
): InboundFacts {
  const { conversation, ...rest } = over;
  return {
    messageId: 'message:in-abc123',
    text,
    receivedAt: MONDAY,
    phone: '+33639980201',
    sender: null,
    newPersonId: 'person:sms-xyz',
    conversation:
      conversation === undefined || conversation === null
        ? null
        : { draft: null, draftAt: null, proposal: null, ...conversation },
    lexicon,
    communes,
    settings: { dialogueTtlMinutes: 24 * 60, dayWindow: { earliest: '07:00', latest: '19:00' } },
    now: new Date(MONDAY),
    ...rest,
  };
}

export const draftOf = (d: InboundDecision): DialogueDraft | null =>
  'conversation' in d && d.conversation?.draft ? d.conversation.draft.draft : null;
export const textOf = (d: InboundDecision): string | null =>
  'reply' in d && d.reply ? d.reply.text : null;

/** The SMS one after another on one phone, each an hour after the previous draft was kept. */
export function dialogue(
  texts: readonly string[],
  over: Parameters<typeof facts>[1] = {},
): InboundDecision[] {
  let draft: DialogueDraft | null = null;
  return texts.map((text) => {
    const d = readInbound(
      facts(text, { ...over, conversation: draft ? { draft, draftAt: HOUR_AGO } : null }),
    );
    const change = 'conversation' in d ? d.conversation?.draft : undefined;
    if (change !== undefined) draft = change.draft;
    return d;
  });
}
