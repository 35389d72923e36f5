/**
 * Who may read and write which document (docs/access.md). Pure: the /db proxy calls parseDoc and
 * mayWrite on every document a user pushes; CouchDB's validate_doc_update repeats the essentials.
 */
import { PEOPLE_DOC_TYPES, type DocType } from './fields';

export const USER_ROLES = ['relay', 'coordinator', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The server-side identity of the worker and the SMS gateways. */
export const WORKER = 'worker';
export const COORDINATORS = 'role:coordinator';

export interface AccessUser {
  readonly name: string;
  readonly roles: readonly string[];
}

export const userReader = (name: string) => `user:${name}`;

const isAdmin = (user: AccessUser) => user.roles.includes('admin') || user.roles.includes('_admin');
const isWorker = (user: AccessUser) => user.name === WORKER || user.roles.includes(WORKER);
const isCoordinator = (user: AccessUser) => user.roles.includes('coordinator');
const isRelay = (user: AccessUser) => user.roles.includes('relay');
const isPeopleType = (type: unknown): type is (typeof PEOPLE_DOC_TYPES)[number] =>
  typeof type === 'string' && (PEOPLE_DOC_TYPES as readonly string[]).includes(type);

/**
 * Readers of a new document: coordinators always, plus the person who recorded it (the relay who
 * registered someone keeps seeing them). The worker's own documents are for coordinators only;
 * handlers add the relay or the driver concerned.
 */
export function readersFor(_type: DocType, user: AccessUser): string[] {
  return isWorker(user) ? [COORDINATORS] : [COORDINATORS, userReader(user.name)];
}

interface WrittenDoc {
  readonly [field: string]: unknown;
  readonly _id?: unknown;
  readonly _deleted?: unknown;
  readonly type?: unknown;
  readonly readers?: unknown;
  readonly createdAt?: unknown;
  readonly createdBy?: unknown;
  readonly updatedBy?: unknown;
}

const readersOf = (doc: WrittenDoc): readonly unknown[] =>
  Array.isArray(doc.readers) ? doc.readers : [];

/**
 * true when `user` may write `newDoc` over `oldDoc` (null for a new document), else the reason, in
 * French, to show or log. Shape is parseDoc's business; this checks only who may do what.
 */
export function mayWrite(
  user: AccessUser,
  newDoc: WrittenDoc,
  oldDoc: WrittenDoc | null,
): true | string {
  if (newDoc._deleted === true) {
    return isAdmin(user) ? true : 'Seul un administrateur peut supprimer un document';
  }
  if (newDoc.updatedBy !== user.name) return `updatedBy doit être « ${user.name} »`;
  // An edit made offline must not bring back a document an admin deleted (erasure).
  if (oldDoc?._deleted === true && !isAdmin(user) && !isWorker(user))
    return 'Ce document a été supprimé';
  if (oldDoc !== null && oldDoc._deleted !== true) {
    if (oldDoc.type !== newDoc.type) return 'Le type d’un document ne change pas';
    if (oldDoc.createdAt !== newDoc.createdAt || oldDoc.createdBy !== newDoc.createdBy) {
      return 'La date et l’auteur de création ne changent pas';
    }
  }
  if (isAdmin(user) || isWorker(user)) return true;
  if (!isPeopleType(newDoc.type))
    return `Seul le serveur écrit les documents de type « ${String(newDoc.type)} »`;
  if (!readersOf(newDoc).includes(COORDINATORS))
    return 'Les coordinateurs doivent pouvoir lire ce document';
  if (isCoordinator(user)) return true;
  if (isRelay(user)) {
    const me = userReader(user.name);
    if (!readersOf(newDoc).includes(me))
      return 'Un relais n’écrit que les documents qu’il peut lire';
    if (oldDoc !== null && !readersOf(oldDoc).includes(me))
      return 'Ce document a été enregistré par quelqu’un d’autre';
    return true;
  }
  return 'Votre compte n’a pas de rôle (relais, coordination ou administration)';
}

/** Whether `user` may read `doc` (a request's passenger, a document a device sends back unchanged). */
export function mayRead(user: AccessUser, doc: WrittenDoc): boolean {
  if (isAdmin(user) || isWorker(user)) return true;
  const readers = readersOf(doc);
  if (readers.includes(userReader(user.name))) return true;
  return user.roles.some((role) => readers.includes(`role:${role}`));
}
