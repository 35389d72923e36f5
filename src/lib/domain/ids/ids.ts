// Ids of what the worker creates, named after what caused it: handling a change twice writes the
// same id twice and the second write is a harmless conflict. Used by the worker and by the PWA
// (a request's status reads its match and ride by these ids). Ids never hold personal data.

/** "request:abc" → "abc": the part every document about that request is named after. */
export const suffixOf = (id: string): string => id.slice(id.indexOf(':') + 1);

/** The match the worker keeps for a request: "request:abc" → "match:abc". */
export const matchIdOf = (requestId: string): string => `match:${suffixOf(requestId)}`;

/** The ride the `attempt`-th driver asked for a match gives when they accept. */
export const rideIdOf = (matchId: string, attempt: number): string =>
  `ride:${suffixOf(matchId)}-${attempt}`;

/** An outgoing SMS, named by its purpose, its cause and, for a match, the attempt. */
export const outMessageId = (purpose: string, cause: string, n?: number): string =>
  `message:${purpose}-${suffixOf(cause)}${n === undefined ? '' : `-${n}`}`;

export const taskId = (kind: string, cause: string, n?: number): string =>
  `task:${kind}-${suffixOf(cause)}${n === undefined ? '' : `-${n}`}`;

/** A request understood from an inbound SMS ("message:in-xyz" → "request:sms-xyz"). */
export const smsRequestId = (inboundId: string): string =>
  `request:sms-${suffixOf(inboundId).slice(3)}`;
