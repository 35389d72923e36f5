// Ids built from a phone number or a gateway's message id. A phone number never appears in an id
// (ids are not personal data): it is hashed. The other ids are in src/lib/domain/ids.
import { createHash } from 'node:crypto';

const hash = (text: string, length = 24) =>
  createHash('sha256')
    .update(text)
    .digest('base64url')
    .replace(/[^A-Za-z0-9]/g, 'x')
    .slice(0, length);

export const phoneKey = (e164: string) => hash(`phone|${e164}`);
export const conversationId = (e164: string) => `conversation:${phoneKey(e164)}`;
/** A person the worker creates for an unknown phone. */
export const smsPersonId = (e164: string) => `person:sms-${phoneKey(e164)}`;
export const inboundKey = (gateway: string, gatewayMessageId: string) =>
  hash(`in|${gateway}|${gatewayMessageId}`, 32);
export const inboundMessageId = (gateway: string, gatewayMessageId: string) =>
  `message:in-${inboundKey(gateway, gatewayMessageId)}`;
/** Stands for a gateway message id when there is none: sender, text and the minute received. */
export const replayKey = (e164: string, text: string, minute: number) =>
  `replay-${hash(`replay|${e164}|${minute}|${text}`, 32)}`;
