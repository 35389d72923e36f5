import type { z } from 'zod';
import { ID_SUFFIX, type DocType, type PeopleDocType } from './fields';
import { personSchema, requestSchema, tripSchema, type AnyDoc } from './schemas';

export interface DocError {
  /** Dotted path of the field ("consent.by", "weekdays.0"); "" for the whole document. */
  readonly path: string;
  /** French, for the person who typed it. */
  readonly message: string;
}

export type ParseResult<T> =
  | { readonly ok: true; readonly doc: T }
  | { readonly ok: false; readonly errors: readonly DocError[] };

const SCHEMAS = { person: personSchema, trip: tripSchema, request: requestSchema } as const;

export function toDocErrors(error: z.ZodError): DocError[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** Parses any zod schema into the same result shape as parseDoc (for the form schemas). */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
): ParseResult<z.output<S>> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, doc: result.data }
    : { ok: false, errors: toDocErrors(result.error) };
}

/**
 * Validates a person, trip or request document, dispatching on its `type`. Unknown fields are
 * dropped from `doc`: callers that forward the document (the /db proxy) should forward the
 * original, so that `_revisions` and the like survive.
 */
export function parseDoc(input: unknown): ParseResult<AnyDoc> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ path: '', message: 'Document attendu (objet JSON)' }] };
  }
  const type = (input as { type?: unknown }).type;
  if (typeof type !== 'string' || !(type in SCHEMAS)) {
    return {
      ok: false,
      errors: [
        { path: 'type', message: 'Type de document inconnu (person, trip ou request attendu)' },
      ],
    };
  }
  return parseWith(SCHEMAS[type as PeopleDocType], input) as ParseResult<AnyDoc>;
}

/** A deletion stub (`{_id, _rev, _deleted: true}`) carries no type: it is checked by mayWrite, not parseDoc. */
export function isDeletion(input: unknown): boolean {
  return (
    typeof input === 'object' &&
    input !== null &&
    (input as { _deleted?: unknown })._deleted === true
  );
}

/**
 * `<type>:<random>`. The caller supplies the randomness (crypto.randomUUID() in the browser and in
 * Node): the domain does no I/O, and an id never holds personal data.
 */
export function newDocId(type: DocType, random: () => string): string {
  const suffix = random();
  if (!ID_SUFFIX.test(suffix))
    throw new RangeError(`Random id part must match ${ID_SUFFIX}: got ${JSON.stringify(suffix)}`);
  return `${type}:${suffix}`;
}

/** The type an id announces ("person:abc" → "person"), or null. */
export function typeOfId(id: string): string | null {
  const colon = id.indexOf(':');
  return colon > 0 ? id.slice(0, colon) : null;
}

export interface Stamp {
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
  readonly readers: readonly string[];
}

export interface StampContext {
  /** CouchDB user name of whoever writes, or 'worker'. */
  readonly user: string;
  readonly now: Date;
  /** Who may read; defaults to the readers the document already has. */
  readonly readers?: readonly string[];
}

/**
 * Sets updatedAt/By to now and this user, and createdAt/By too when the document has none yet
 * (a new document), and drops undefined fields. An update keeps its creation stamp and, unless given, its readers.
 */
export function stampDoc<T extends object>(
  doc: T & Partial<Stamp>,
  { user, now, readers }: StampContext,
): Omit<T, keyof Stamp> & Stamp {
  const at = now.toISOString();
  const keptReaders = readers ?? doc.readers;
  if (keptReaders === undefined) throw new TypeError('stampDoc: a new document needs its readers');
  // Absent optional fields are left out rather than stored as undefined (JSON has no undefined).
  const defined = Object.fromEntries(
    Object.entries(doc).filter(([, value]) => value !== undefined),
  ) as T;
  return {
    ...defined,
    createdAt: doc.createdAt ?? at,
    createdBy: doc.createdBy ?? user,
    updatedAt: at,
    updatedBy: user,
    readers: [...keptReaders],
  };
}
