// Who reads what through /db (docs/access.md): coordinators, admins and the worker the territory;
// everybody else the documents whose `readers` name them (`user:<name>`: no document names
// another role than the coordinators'), found through the `by_reader` index so that a relay's
// pull costs what their own documents cost. Nobody reads design
// documents through /db; local documents never appear in feeds or listings.
import { userReader, WORKER, type AccessUser } from '../../domain/documents/access';

export type ReadScope =
  | { readonly kind: 'territory' }
  | { readonly kind: 'own'; readonly user: AccessUser; readonly keys: readonly string[] };

const TERRITORY_ROLES = ['coordinator', 'admin', '_admin', 'worker'];

export function readScope(user: AccessUser): ReadScope {
  if (user.name === WORKER || user.roles.some((r) => TERRITORY_ROLES.includes(r)))
    return { kind: 'territory' };
  return { kind: 'own', user, keys: [userReader(user.name)] };
}

export const isDesignId = (id: unknown) => typeof id === 'string' && id.startsWith('_design/');

/** Whether the user may see `doc` (a stored document, never a design document). */
export function scopeReads(scope: ReadScope, doc: Record<string, unknown> | null | undefined) {
  if (!doc || isDesignId(doc._id)) return false;
  if (scope.kind === 'territory') return true;
  if (doc._deleted === true || !Array.isArray(doc.readers)) return false;
  return scope.keys.some((key) => (doc.readers as unknown[]).includes(key));
}
