// A person's data on request, from the coordinator's person page (docs/personal-data.md): export
// it, erase it (every stored revision included), withdraw their consent. Plain functions from the
// actor and the person's id to a Response, so integration tests call them without a build. They
// work under the app's own database account; logs name ids and counts, never a person's data.
import {
  concernsPerson,
  eraseDoc,
  withdrawConsent,
  type ErasureStamp,
  type Person,
} from '../domain/documents';
import type { AppConfig } from './config';
import { json } from './session-api';
import { replaceWithHistory, settleReplacements, type PurgeMode } from './shared/purge-history';
import { getDoc, statusOf, updateDoc, type Db, type StoredDoc } from './shared/store';
import { couchFor } from './sms/simulated-phone';

type Actor = { name: string; roles: string[] } | null;

export const PEOPLE_MESSAGES = {
  coordinatorsOnly: 'Réservé aux coordinateurs : connectez-vous avec un compte de coordination.',
  notFound: 'Cette personne est introuvable.',
  otherOrigin: 'Requête refusée : elle ne vient pas de l’application.',
  unreachable: 'Le serveur de données ne répond pas',
} as const;

const EXPORT_GROUPS = {
  trip: 'trips',
  request: 'requests',
  match: 'matches',
  ride: 'rides',
  message: 'messages',
  conversation: 'conversations',
  task: 'tasks',
} as const;

const isCoordinator = (actor: Actor) =>
  !!actor && (actor.roles.includes('coordinator') || actor.roles.includes('admin'));

/**
 * The answer to refuse with, or null: a coordinator's session and, for a change, a request from
 * the app's own origin (a browser always sends Origin with a POST).
 */
export function refusal(request: Request, actor: Actor): Response | null {
  if (!isCoordinator(actor))
    return json(actor ? 403 : 401, { error: PEOPLE_MESSAGES.coordinatorsOnly });
  const origin = request.headers.get('origin');
  if (request.method !== 'GET' && origin !== null && origin !== new URL(request.url).origin)
    return json(403, { error: PEOPLE_MESSAGES.otherOrigin });
  return null;
}

const dbOf = (config: AppConfig): Db => couchFor(config).use(config.couchDb);

async function personOf(db: Db, id: string): Promise<(Person & { _rev: string }) | null> {
  if (!id.startsWith('person:')) return null;
  const doc = await getDoc<Person>(db, id);
  return doc?.type === 'person' ? doc : null;
}

/** Every document of the person: by id (their requests, matches, rides, tasks…) and by phone. */
async function documentsOf(db: Db, person: Person): Promise<StoredDoc[]> {
  const keys = [person._id, ...(person.phone ? [person.phone] : [])];
  const res = await db.view('maillage', 'personal_data', { keys, include_docs: true } as never);
  const byId = new Map<string, StoredDoc>();
  for (const row of res.rows as { doc?: StoredDoc | null }[]) {
    const doc = row.doc;
    if (doc && doc._id !== person._id && concernsPerson(doc, person._id, person.phone))
      byId.set(doc._id, doc);
  }
  return [...byId.values()].sort((a, b) => a._id.localeCompare(b._id));
}

/** GET /api/people/<id>/export: everything stored about the person, as a JSON download. */
export async function exportPerson(config: AppConfig, actor: Actor, id: string, now: Date) {
  try {
    const db = dbOf(config);
    const person = await personOf(db, id);
    if (!person) return json(404, { error: PEOPLE_MESSAGES.notFound });
    const groups: Record<string, StoredDoc[]> = Object.fromEntries(
      Object.values(EXPORT_GROUPS).map((group) => [group, []]),
    );
    for (const doc of await documentsOf(db, person)) {
      const group = EXPORT_GROUPS[doc.type as keyof typeof EXPORT_GROUPS];
      if (group) groups[group]!.push(doc);
    }
    console.error(`[people] ${actor!.name} exported ${id}`);
    const body = { exportedAt: now.toISOString(), exportedBy: actor!.name, person, ...groups };
    return json(200, body, {
      'content-disposition': `attachment; filename="${id.replace(':', '-')}.json"`,
    });
  } catch (err) {
    return failure(err, 'export');
  }
}

/**
 * POST /api/people/<id>/erase: the person's documents anonymised, their earlier revisions gone
 * from the server. The person comes last: their phone finds their SMS if an erasure is run again.
 */
export async function erasePerson(config: AppConfig, actor: Actor, id: string, now: Date) {
  const stamp: ErasureStamp = { at: now.toISOString(), by: actor!.name };
  try {
    const db = dbOf(config);
    const person = await personOf(db, id);
    if (!person) return json(404, { error: PEOPLE_MESSAGES.notFound });
    let rewritten = 0;
    const modes = new Set<PurgeMode>();
    for (const doc of [...(await documentsOf(db, person)), person]) {
      const erasure = eraseDoc(doc, stamp);
      if (erasure.kind === 'keep') continue;
      const next = erasure.kind === 'delete' ? ('deleted' as const) : withoutRevision(erasure.doc);
      const mode = await replaceWithHistory(db, doc._id, next);
      if (mode === null) continue;
      rewritten++;
      modes.add(mode);
    }
    await settleReplacements(db, modes);
    console.error(`[people] ${stamp.by} erased ${id} (${rewritten} documents rewritten)`);
    return json(200, { erased: id, documents: rewritten });
  } catch (err) {
    return failure(err, 'erase');
  }
}

/** POST /api/people/<id>/consent-withdrawal: no SMS and no proposal to the person any more. */
export async function withdrawPersonConsent(
  config: AppConfig,
  actor: Actor,
  id: string,
  now: Date,
) {
  const stamp: ErasureStamp = { at: now.toISOString(), by: actor!.name };
  try {
    const db = dbOf(config);
    if (!(await personOf(db, id))) return json(404, { error: PEOPLE_MESSAGES.notFound });
    const written = await updateDoc<Person>(db, id, (current) =>
      current ? withdrawConsent(current, stamp) : null,
    );
    const person = written ?? (await personOf(db, id));
    if (written) console.error(`[people] ${stamp.by} recorded ${id}'s consent withdrawn`);
    return json(200, { id, withdrawnAt: person?.consent.withdrawnAt ?? stamp.at });
  } catch (err) {
    return failure(err, 'consent withdrawal');
  }
}

function withoutRevision(doc: Record<string, unknown>): Record<string, unknown> {
  const { _rev: _, _revisions: __, _conflicts: ___, ...body } = doc;
  return body;
}

function failure(err: unknown, what: string): Response {
  const status = statusOf(err);
  const unreachable =
    (err instanceof Error && err.message.startsWith('error happened in your connection')) ||
    status === 502 ||
    status === 503 ||
    status === 504;
  if (!unreachable) throw err;
  console.error(`[people] ${what}: database unreachable`);
  return json(503, { error: PEOPLE_MESSAGES.unreachable });
}
