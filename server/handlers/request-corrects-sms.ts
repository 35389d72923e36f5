import {
  isStoredRequest,
  normalizePhone,
  type IncomingMessageDoc,
  type RideRequest,
  type Stored,
  type TaskDoc,
} from '../../src/lib/domain/documents';
import { taskId } from '../../src/lib/domain/ids';
import { getDoc, stamp, updateDoc } from '../../src/lib/server/shared/store';
import { updateConversation } from '../worker/people';
import type { StoredDoc } from '../../src/lib/server/shared/store';
import type { Handler } from './types';

const PREFIX = 'request:sms-';

/** The inbound SMS a request is named after ("request:sms-xyz" ← "message:in-xyz"). */
const inboundOf = (requestId: string) => `message:in-${requestId.slice(PREFIX.length)}`;

const isSmsRequest = (doc: StoredDoc): doc is Stored<RideRequest> =>
  isStoredRequest(doc) && doc._id.startsWith(PREFIX);

/**
 * A coordinator's correction of an SMS nobody understood (the console writes the request under
 * the id the worker would have given it): the `read-sms` task is done, and the half-told draft of
 * that phone is dropped, so that the sender's next answer does not make a second request. The
 * request itself then goes on like any other: its match is opened and the passenger told by SMS.
 */
export const requestCorrectsSms: Handler<Stored<RideRequest>> = {
  name: 'request-corrects-sms',
  appliesTo: isSmsRequest,
  handle: async (request, ctx) => {
    const inbound = inboundOf(request._id);
    const task = await getDoc<TaskDoc>(ctx.db, taskId('read', inbound));
    if (!task || task.doneAt !== null) return;
    const now = ctx.clock.now();
    const msg = await getDoc<IncomingMessageDoc>(ctx.db, inbound);
    const phone = msg ? normalizePhone(msg.from).phone : null;
    if (phone)
      await updateConversation(ctx, phone, (c) =>
        c.draft === null || (c.draftAt !== null && c.draftAt > request.createdAt)
          ? null
          : { ...c, draft: null, draftAt: null },
      );
    await updateDoc<TaskDoc>(ctx.db, task._id, (t) =>
      t && t.doneAt === null
        ? (stamp({ ...t, doneAt: now.toISOString(), doneBy: request.createdBy }, now) as TaskDoc)
        : null,
    );
  },
};
