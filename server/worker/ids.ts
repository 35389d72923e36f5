// Deterministic ids. A phone number never appears in an id (ids are not personal data): it is
// hashed. What the worker creates is named after what caused it, so handling a change twice
// writes the same id twice and the second write is a harmless 409.
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

/** "request:abc" → "abc": the part every document about that request is named after. */
export const suffixOf = (id: string) => id.slice(id.indexOf(':') + 1);
export const matchIdOf = (requestId: string) => `match:${suffixOf(requestId)}`;
export const rideIdOf = (matchId: string, attempt: number) =>
  `ride:${suffixOf(matchId)}-${attempt}`;
export const outMessageId = (purpose: string, cause: string, n?: number) =>
  `message:${purpose}-${suffixOf(cause)}${n === undefined ? '' : `-${n}`}`;
export const taskId = (kind: string, cause: string, n?: number) =>
  `task:${kind}-${suffixOf(cause)}${n === undefined ? '' : `-${n}`}`;
/** A request understood from an inbound SMS. */
export const smsRequestId = (inboundId: string) => `request:sms-${suffixOf(inboundId).slice(3)}`;
