import type { OutgoingMessageDoc } from '../../src/lib/domain/documents';
import { sendMessage } from '../worker/sender';
import type { Handler } from './types';

/** A pending outgoing SMS is claimed and handed to the gateway, once. */
export const messageGoesToGateway: Handler = {
  name: 'message-goes-to-gateway',
  appliesTo: (doc) => doc.type === 'message' && doc.direction === 'out' && doc.state === 'pending',
  handle: (doc, ctx) => sendMessage(ctx, doc as unknown as OutgoingMessageDoc & { _rev: string }),
};
