import type { IncomingMessageDoc } from '../../src/lib/domain/documents';
import { readInbound } from '../worker/inbound';
import type { Handler } from './types';

/** A received SMS: answer, request, dialogue, cancellation, PAUSE/REPRISE, STOP, AIDE. */
export const inboundSmsIsRead: Handler = {
  name: 'inbound-sms-is-read',
  appliesTo: (doc) => doc.type === 'message' && doc.direction === 'in' && doc.state === 'received',
  handle: (doc, ctx) => readInbound(ctx, doc as unknown as IncomingMessageDoc & { _rev: string }),
};
