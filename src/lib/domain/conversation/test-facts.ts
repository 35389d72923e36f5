// Facts of one received SMS for the conversation's tests: a Monday morning in the Lot, the
// reader's test gazetteer, the worker's default dialogue settings.
import type { ConversationDoc, Person } from '../documents';
import { buildPlaceLexicon } from '../sms/place-lexicon';
import { TEST_GAZETTEER } from '../sms/test-gazetteer';
import type { InboundFacts } from './types';

export const INSEE = {
  cahors: '46042',
  cajarc: '46045',
  figeac: '46102',
  gramat: '46128',
  payrac: '46215',
  souillac: '46309',
} as const;

export const MONDAY = '2026-11-23T09:15:00.000Z'; // 10:15 in Paris

const lexicon = buildPlaceLexicon(TEST_GAZETTEER);

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
    settings: { dialogueTtlMinutes: 24 * 60, dayWindow: { earliest: '07:00', latest: '19:00' } },
    now: new Date(MONDAY),
    ...rest,
  };
}
