// Brings a CouchDB (embedded or Apache CouchDB 3) to what Maillage needs, through its HTTP API
// only: system databases, the territory database, its _security and design documents.
import nano from 'nano';

type Couch = nano.ServerScope;

export async function ensureDatabase(
  couch: Couch,
  dbName: string,
  designDocs: ReadonlyArray<{ _id: string } & Record<string, unknown>>,
): Promise<void> {
  // A single-node Apache CouchDB 3 has no _users until someone creates it.
  await createIfMissing(couch, '_users');
  await createIfMissing(couch, dbName);
  // Members must be admins: the app reaches the data only through its own /db proxy.
  await couch.request({
    db: dbName,
    method: 'PUT',
    path: '_security',
    body: { admins: { names: [], roles: [] }, members: { names: [], roles: ['_admin'] } },
  });
  const db = couch.use(dbName);
  for (const ddoc of designDocs) {
    await putIfChanged(db, ddoc);
  }
}

async function createIfMissing(couch: Couch, name: string) {
  try {
    await couch.db.create(name);
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 412) throw err;
  }
}

async function putIfChanged(
  db: nano.DocumentScope<unknown>,
  doc: { _id: string } & Record<string, unknown>,
) {
  let current: Record<string, unknown> | null = null;
  try {
    current = (await db.get(doc._id)) as unknown as Record<string, unknown>;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
  }
  if (current) {
    const { _rev: rev, ...rest } = current;
    if (JSON.stringify(rest) === JSON.stringify(doc)) return;
    await db.insert({ ...doc, _rev: rev } as nano.MaybeDocument);
  } else {
    await db.insert(doc as nano.MaybeDocument);
  }
}

export interface NewUser {
  readonly name: string;
  readonly password: string;
  readonly roles: readonly string[];
}

/** Creates or updates a login in _users; CouchDB hashes the password on write. */
export async function upsertUser(couch: Couch, user: NewUser): Promise<'created' | 'updated'> {
  const users = couch.use<Record<string, unknown>>('_users');
  const id = `org.couchdb.user:${user.name}`;
  let rev: string | undefined;
  try {
    rev = (await users.get(id))._rev;
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
  }
  await users.insert({
    _id: id,
    ...(rev ? { _rev: rev } : {}),
    name: user.name,
    type: 'user',
    roles: [...user.roles],
    password: user.password,
  });
  return rev ? 'updated' : 'created';
}
