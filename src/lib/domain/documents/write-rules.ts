/**
 * What the /db proxy does to a document a person pushes, besides parseDoc and mayWrite
 * (docs/access.md): no field the schema does not know, no document over 64 KB, creation stamps
 * taken from the session rather than the body, and a request only for a passenger the writer
 * may read.
 */
import { COORDINATORS, mayRead, mayWrite, userReader, type AccessUser } from './access';
import { eraseDoc, isErased } from './erase';
import { PEOPLE_DOC_TYPES } from './fields';
import { personSchema, requestSchema, tripSchema } from './schemas';
import { taskDocSchema } from './worker-docs';

/** Largest document a device may push, measured as JSON without its revision history. */
export const MAX_DOC_BYTES = 64 * 1024;
/** How far back a device's clock may date what it created (one session's life offline). */
export const MAX_DEVICE_PAST_MS = 14 * 24 * 3600 * 1000;
/** How far ahead a device's clock may be. */
export const MAX_DEVICE_AHEAD_MS = 5 * 60 * 1000;

/** CouchDB fields a replicated document may carry; any other `_` field is refused. */
const SYSTEM_FIELDS = new Set(['_id', '_rev', '_revisions', '_deleted']);
const KNOWN_FIELDS: Record<string, ReadonlySet<string>> = {
  person: new Set(Object.keys(personSchema.shape)),
  trip: new Set(Object.keys(tripSchema.shape)),
  request: new Set(Object.keys(requestSchema.shape)),
  task: new Set(Object.keys(taskDocSchema.shape)),
};
const CONSENT_FIELDS = new Set(['by', 'method', 'at', 'withdrawnAt']);

type Doc = Record<string, unknown>;

/** The fields of `doc` its schema does not know (nested consent included), sorted. */
export function unknownFields(doc: Doc): string[] {
  const known =
    typeof doc.type === 'string' && Object.hasOwn(KNOWN_FIELDS, doc.type)
      ? KNOWN_FIELDS[doc.type]
      : undefined;
  const unknown = Object.keys(doc).filter(
    (key) => !SYSTEM_FIELDS.has(key) && !(known?.has(key) ?? !key.startsWith('_')),
  );
  const consent = doc.consent;
  if (known && typeof consent === 'object' && consent !== null && !Array.isArray(consent)) {
    for (const key of Object.keys(consent))
      if (!CONSENT_FIELDS.has(key)) unknown.push(`consent.${key}`);
  }
  return unknown.sort();
}

/** Bytes of the document as UTF-8 JSON, its `_revisions` left out (CouchDB keeps up to 1,000). */
export function docBytes(doc: Doc): number {
  const { _revisions: _, ...rest } = doc;
  let bytes = 0;
  for (const ch of JSON.stringify(rest)) {
    const code = ch.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** The refusal for a document's size or unknown fields, or null. */
export function shapeRefusal(doc: Doc): string | null {
  if (docBytes(doc) > MAX_DOC_BYTES)
    return `Document trop volumineux (plus de ${MAX_DOC_BYTES / 1024} Ko)`;
  if (doc._deleted === true) return null;
  const unknown = unknownFields(doc);
  if (unknown.length === 0) return null;
  const listed = unknown
    .slice(0, 5)
    .map((f) => `« ${f.slice(0, 40)} »`)
    .join(', ');
  return `Champ${unknown.length > 1 ? 's' : ''} inconnu${unknown.length > 1 ? 's' : ''} : ${listed}`;
}

/** A time the device gave, if its clock is plausible; else the server's. */
function deviceTime(given: unknown, now: Date): string {
  const at = typeof given === 'string' ? Date.parse(given) : NaN;
  const t = now.getTime();
  // Kept as written when plausible, so that the device and the server hold the same revision.
  return at >= t - MAX_DEVICE_PAST_MS && at <= t + MAX_DEVICE_AHEAD_MS
    ? (given as string)
    : now.toISOString();
}

const sameConsent = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The document with its creation stamps from the session: a new one is created by `user`, at the
 * device's time when plausible (it may have waited offline) or now; an update keeps the stored
 * creation stamp. A consent that is new or changed is collected by `user`, likewise dated.
 */
export function stampFromSession(doc: Doc, user: AccessUser, now: Date, current: Doc | null): Doc {
  if (doc._deleted === true || !(PEOPLE_DOC_TYPES as readonly unknown[]).includes(doc.type))
    return doc;
  const live = current !== null && current._deleted !== true ? current : null;
  const stamped: Doc = live
    ? { ...doc, createdAt: live.createdAt, createdBy: live.createdBy }
    : { ...doc, createdAt: deviceTime(doc.createdAt, now), createdBy: user.name };
  const consent = doc.consent;
  if (typeof consent === 'object' && consent !== null && !Array.isArray(consent)) {
    const kept = live !== null && sameConsent(consent, live.consent);
    if (!kept) {
      const given = consent as Doc;
      stamped.consent = { ...given, by: user.name, at: deviceTime(given.at, now) };
    }
  }
  return stamped;
}

/**
 * Why a request may not name its passenger: `passenger` is the stored person (or the one pushed
 * in the same batch), null when there is none.
 */
export function passengerRefusal(doc: Doc, user: AccessUser, passenger: Doc | null): string | null {
  if (doc.type !== 'request' || doc._deleted === true) return null;
  if (passenger === null || passenger._deleted === true || passenger.type !== 'person')
    return 'Le passager de cette demande est inconnu';
  return mayRead(user, passenger) ? null : 'Ce passager a été enregistré par quelqu’un d’autre';
}

const consentWithdrawnAt = (doc: Doc) =>
  (doc.consent as { withdrawnAt?: unknown } | undefined)?.withdrawnAt;

/** Why an erased person is not edited, on the device and by the /db proxy. */
export const ERASED_REFUSAL = 'Cette personne a été effacée : ses données ne reviennent pas';

/**
 * Why a person's update may not be written by a relay or a coordinator through /db: an erasure
 * and a withdrawn consent are the API's (personal-data.ts), and an edit made on a device before
 * them (pushed later, when it comes back online) must not undo them. null when it may.
 */
export function heldBackRefusal(user: AccessUser, newDoc: Doc, oldDoc: Doc | null): string | null {
  const server =
    user.name === 'worker' || user.roles.some((r) => ['admin', '_admin', 'worker'].includes(r));
  if (server || newDoc._deleted === true || oldDoc === null || oldDoc.type !== 'person')
    return null;
  if (isErased(oldDoc)) {
    const stillErased =
      newDoc.erasedAt === oldDoc.erasedAt &&
      eraseDoc(newDoc, { at: String(oldDoc.erasedAt), by: user.name }).kind === 'keep';
    if (!stillErased) return ERASED_REFUSAL;
  }
  const withdrawn = consentWithdrawnAt(oldDoc);
  if (typeof withdrawn === 'string' && consentWithdrawnAt(newDoc) !== withdrawn)
    return 'Le retrait du consentement ne s’annule pas depuis un appareil';
  return null;
}

/** What a relay may change on a task assigned to her: how it ended, and the calls that failed. */
const TASK_OUTCOME_FIELDS = new Set([
  'doneAt',
  'doneBy',
  'outcome',
  'attempts',
  'updatedAt',
  'updatedBy',
  '_rev',
  '_revisions',
]);

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Who may update a task (the worker creates them): a coordinator any field of any task, keeping it
 * readable by coordinators and by its assignee (a reassignment gives the new relay her copy); a
 * relay only the outcome fields of a task assigned to her. true, or the reason in French.
 */
export function mayWriteTask(user: AccessUser, newDoc: Doc, oldDoc: Doc | null): true | string {
  const server = user.roles.some((r) => r === 'admin' || r === '_admin' || r === 'worker');
  if (newDoc._deleted === true || server || user.name === 'worker')
    return mayWrite(user, newDoc, oldDoc);
  if (newDoc.updatedBy !== user.name) return `updatedBy doit être « ${user.name} »`;
  if (oldDoc === null || oldDoc._deleted === true) return 'Seul le serveur crée les tâches';
  if (oldDoc.type !== 'task' || newDoc.type !== 'task')
    return 'Le type d’un document ne change pas';
  if (oldDoc.createdAt !== newDoc.createdAt || oldDoc.createdBy !== newDoc.createdBy)
    return 'La date et l’auteur de création ne changent pas';
  if (newDoc.doneAt !== null && newDoc.doneAt !== oldDoc.doneAt && newDoc.doneBy !== user.name)
    return `doneBy doit être « ${user.name} »`;
  const readers = Array.isArray(newDoc.readers) ? newDoc.readers : [];
  if (!readers.includes(COORDINATORS)) return 'Les coordinateurs doivent pouvoir lire ce document';
  if (user.roles.includes('coordinator')) {
    const assignee = newDoc.assignee;
    if (typeof assignee === 'string' && !readers.includes(userReader(assignee)))
      return 'Le relais chargé de la tâche doit pouvoir la lire';
    return true;
  }
  if (!user.roles.includes('relay'))
    return 'Votre compte n’a pas de rôle (relais, coordination ou administration)';
  if (oldDoc.assignee !== user.name) return 'Cette tâche est confiée à quelqu’un d’autre';
  const fields = new Set([...Object.keys(newDoc), ...Object.keys(oldDoc)]);
  for (const field of fields)
    if (!TASK_OUTCOME_FIELDS.has(field) && !sameJson(newDoc[field], oldDoc[field]))
      return 'Un relais ne change que l’issue d’une tâche';
  return true;
}
