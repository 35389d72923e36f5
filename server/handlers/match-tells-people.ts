import { tellPeople } from '../worker/outcomes';
import type { StoredMatch } from '../worker/matches';
import type { Handler } from './types';

/** Whatever state a match is in, the SMS, ride and tasks it implies exist (created once). */
export const matchTellsPeople: Handler = {
  name: 'match-tells-people',
  appliesTo: (doc) => doc.type === 'match',
  handle: (doc, ctx) => tellPeople(ctx, doc as unknown as StoredMatch),
};
