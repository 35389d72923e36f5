// Issue 7 point 1: no request crashes or stalls the service. At least 10,000 generated requests
// (methods, paths, queries, bodies, headers) go to /db, /api/session and the SMS endpoints as
// anonymous, a relay and a coordinator, a few at a time, against the app's handlers and a real
// embedded server. After each batch both still answer; no answer is a 5xx (the database is up);
// no answer gives the relay another relay's document (point 4); and in the end the database holds
// nothing a refused request sent.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { upsertUser } from '../../server/couch/setup';
import { signAndroidWebhook } from '../../src/lib/server/sms/android-webhook';
import { startTestCouch, type TestCouch } from './support/couch';
import { fuzzRequest, type FuzzRequest } from './support/fuzz-arbitraries';
import {
  appConfigFor,
  logIn,
  startSessionProxyApp,
  type ExtraRoutes,
  type SessionProxyApp,
} from './support/session-proxy-app';

const RUNS = 1250;
const CONCURRENCY = 8;
const WEBHOOK_KEY = 'cle-du-fuzz';
const CHECKPOINT = { _id: '_local/worker-main', last_seq: 'fuzz-start' };
// Another relay's documents (worker types, so no generated write can hand them to Sophie): no
// answer to Sophie may show their content, nor their id or revision unless she sent it.
const SECRET = 'contenu-de-marc-seulement';
const SECRETS = ['match:marcsecret01', 'ride:marcsecret02'].map((_id) => ({
  _id,
  type: _id.slice(0, _id.indexOf(':')),
  schema: 1,
  createdAt: '2026-11-21T10:00:00.000Z',
  createdBy: 'worker',
  updatedAt: '2026-11-21T10:00:00.000Z',
  updatedBy: 'worker',
  readers: ['role:coordinator', 'user:marc'],
  note: SECRET,
}));
const secretRevs: string[] = [];

let couch: TestCouch;
let app: SessionProxyApp;
const cookies: Record<string, string> = {};
const env: Record<string, string | undefined> = {};

function setEnv(values: Record<string, string | undefined>) {
  for (const [key, value] of Object.entries(values)) {
    env[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/** The SMS endpoints, from their route modules, as adapter-node would call them. */
const smsRoutes: ExtraRoutes = async (request, { user, clientAddress }) => {
  const url = new URL(request.url);
  const event = { request, url, locals: { user }, getClientAddress: () => clientAddress };
  type Handler = (e: typeof event) => Promise<Response> | Response;
  const call = async (load: () => Promise<Record<string, unknown>>) => {
    const handler = (await load())[request.method] as Handler | undefined;
    return handler ? handler(event) : new Response(null, { status: 405 });
  };
  if (url.pathname === '/api/sms/dev/inbound')
    return call(() => import('../../src/routes/api/sms/dev/inbound/+server'));
  if (url.pathname === '/api/sms/dev/outbox')
    return call(() => import('../../src/routes/api/sms/dev/outbox/+server'));
  if (url.pathname === '/api/sms/android')
    return call(() => import('../../src/routes/api/sms/android/+server'));
  return null;
};

beforeAll(async () => {
  couch = await startTestCouch();
  for (const [name, roles] of [
    ['sophie', ['relay']],
    ['claire', ['coordinator']],
    // Logged in only to check the service still answers: no generated request uses its cookie.
    ['veille', ['coordinator']],
  ] as const)
    await upsertUser(couch.couch, { name, password: `pw-${name}`, roles: [...roles] });
  await couch.couch.use(couch.dbName).insert(CHECKPOINT as never);
  for (const doc of SECRETS)
    secretRevs.push((await couch.couch.use(couch.dbName).insert(doc as never)).rev);
  const config = appConfigFor(couch, { longpollMaxMs: 300, maxBodyBytes: 256 * 1024 });
  const u = new URL(couch.baseUrl);
  u.username = encodeURIComponent(couch.admin.name);
  u.password = encodeURIComponent(couch.admin.password);
  setEnv({
    COUCHDB_URL: u.toString(),
    COUCHDB_DB: couch.dbName,
    SESSION_SECRET: config.sessionSecret,
    SMS_GATEWAY: undefined,
    ANDROID_SMS_GATEWAY_WEBHOOK_KEY: WEBHOOK_KEY,
    DB_PROXY_LONGPOLL_MAX_MS: '300',
    DB_PROXY_MAX_BODY_BYTES: String(256 * 1024),
  });
  app = await startSessionProxyApp(config, smsRoutes);
  for (const name of ['sophie', 'claire', 'veille'])
    cookies[name] = await logIn(app, name, `pw-${name}`);
});

/** A generated logout ends that user's session: log in again, so later requests are theirs. */
async function logInAgainAfterLogout(batch: readonly FuzzRequest[], outcomes: readonly Outcome[]) {
  for (const [i, r] of batch.entries()) {
    const loggedOut = r.path === '/api/session' && r.method === 'DELETE';
    if (r.as === 'anonymous' || !loggedOut || outcomes[i]!.status >= 300) continue;
    // The throttle may refuse now; the old cookie then stands for a logged-out device.
    cookies[r.as] = await logIn(app, r.as, `pw-${r.as}`).catch(() => cookies[r.as] ?? '');
  }
}

afterAll(async () => {
  await app?.stop();
  await couch?.stop();
  setEnv(env);
});

interface Outcome {
  readonly status: number;
  readonly text: string;
}

async function send(r: FuzzRequest): Promise<Outcome> {
  const headers = new Headers(r.headers);
  if (r.as !== 'anonymous') headers.set('cookie', cookies[r.as] ?? '');
  let body = r.body;
  if (r.path === '/api/sms/android' && r.signed && body !== undefined) {
    const ts = String(Math.floor(Date.now() / 1000));
    headers.set('x-timestamp', ts);
    headers.set('x-signature', signAndroidWebhook(WEBHOOK_KEY, body, ts));
  }
  if (r.method === 'GET' || r.method === 'HEAD') body = undefined;
  // A stalled request fails here rather than hanging the suite.
  const res = await fetch(`${app.url}${r.path}${r.query}`, {
    method: r.method,
    headers,
    body,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: res.status, text: await res.text() };
}

/** What Sophie wrote into her own checkpoints: reading it back from one is no leak. */
let sophieCheckpointWrites = '';
const isCheckpointPath = (path: string) => {
  try {
    return decodeURIComponent(path).startsWith('/db/_local/');
  } catch {
    return path.startsWith('/db/_local/');
  }
};
function noteCheckpointWrite(r: FuzzRequest) {
  if (r.as === 'sophie' && isCheckpointPath(r.path) && r.body)
    sophieCheckpointWrites += ` ${r.body}`;
}

/** What Sophie got that only Marc may read (nothing, or the test fails). */
function leakTo(r: FuzzRequest, outcome: Outcome): string | null {
  if (r.as !== 'sophie' || !r.path.startsWith('/db')) return null;
  if (outcome.text.includes(SECRET)) return 'content';
  let sent = `${r.path}${r.query} ${r.body ?? ''}`;
  try {
    sent = decodeURIComponent(sent);
  } catch {
    // Kept as it is: a malformed escape names nothing.
  }
  const ownCheckpoint = isCheckpointPath(r.path);
  for (const token of [...SECRETS.map((d) => d._id), ...secretRevs])
    if (
      outcome.text.includes(token) &&
      !sent.includes(token) &&
      !(ownCheckpoint && sophieCheckpointWrites.includes(token))
    )
      return token;
  return null;
}

/** Ids a request may have stored, judged from its answer. */
function storedBy(r: FuzzRequest, outcome: Outcome, stored: Set<string>, sms: { count: number }) {
  if (outcome.status >= 300) return;
  if (r.path.startsWith('/api/sms/')) sms.count++;
  if (!r.path.startsWith('/db/_bulk_docs') || r.method !== 'POST' || r.body === undefined) return;
  const sent = JSON.parse(r.body) as { docs: { _id?: string }[]; new_edits?: boolean };
  const answer = JSON.parse(outcome.text) as { id?: string; ok?: boolean; error?: string }[];
  if (sent.new_edits === false) {
    const failed = new Set(answer.filter((a) => a.error).map((a) => a.id));
    for (const doc of sent.docs) if (doc._id && !failed.has(doc._id)) stored.add(doc._id);
  } else for (const a of answer) if (a.ok && a.id) stored.add(a.id);
}

/**
 * The one 5xx the service means while the database is up: a signed delivery report for a message
 * not recorded yet is answered 503 so that the phone sends it again (docs/sms-gateways.md).
 */
function retryLater(r: FuzzRequest, outcome: Outcome): boolean {
  if (r.path !== '/api/sms/android' || !r.signed || outcome.status !== 503) return false;
  const event = (JSON.parse(r.body ?? 'null') as { event?: unknown } | null)?.event;
  return ['sms:sent', 'sms:delivered', 'sms:failed'].includes(String(event));
}

async function stillServing() {
  const proxied = await fetch(`${app.url}/db/`, { headers: { cookie: cookies.veille ?? '' } });
  expect(proxied.status).toBe(200);
  await proxied.body?.cancel();
  expect((await couch.couch.db.get(couch.dbName)).db_name).toBe(couch.dbName);
}

describe('generated requests to /db, /api/session and the SMS endpoints', () => {
  it(`never crash, stall or 5xx the service, and store nothing refused (${RUNS * CONCURRENCY} requests)`, async () => {
    // Thousands of refusals are logged: kept out of the report (and its cost out of the run).
    const quiet = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];
    for (const spy of quiet) spy.mockImplementation(() => {});
    const stored = new Set<string>();
    const sms = { count: 0 };
    const statuses = new Map<number, number>();
    let tried = 0;
    await fc
      .assert(
        fc.asyncProperty(
          fc.array(fuzzRequest, { minLength: CONCURRENCY, maxLength: CONCURRENCY }),
          async (batch) => {
            const outcomes = await Promise.all(batch.map(send));
            tried += batch.length;
            // Written in the same batch, maybe read back in it.
            batch.forEach(noteCheckpointWrite);
            outcomes.forEach((outcome, i) => {
              const r = batch[i]!;
              statuses.set(outcome.status, (statuses.get(outcome.status) ?? 0) + 1);
              const seen = `${r.as} ${r.method} ${r.path}${r.query} ${outcome.text}`;
              if (!retryLater(r, outcome)) expect(outcome.status, seen).toBeLessThan(500);
              expect(leakTo(r, outcome), seen).toBeNull();
              storedBy(r, outcome, stored, sms);
            });
            await logInAgainAfterLogout(batch, outcomes);
            await stillServing();
          },
        ),
        { numRuns: RUNS, endOnFailure: true },
      )
      .finally(() => quiet.forEach((spy) => spy.mockRestore()));
    console.log(
      `[fuzz] ${tried} requests, ${stored.size} documents stored, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    expect(tried).toBeGreaterThanOrEqual(10_000);
    expect(app.crashes).toEqual([]);

    const db = couch.couch.use<Record<string, unknown>>(couch.dbName);
    const all = await db.list({ include_docs: true });
    const unexplained = all.rows.filter(
      (row) =>
        !row.id.startsWith('_design/') &&
        !stored.has(row.id) &&
        !SECRETS.some((d) => d._id === row.id) &&
        !(sms.count > 0 && ['message', 'conversation'].includes(String(row.doc?.type))),
    );
    expect(unexplained.map((row) => row.id)).toEqual([]);
    expect(await db.get(CHECKPOINT._id)).toMatchObject({ last_seq: 'fuzz-start' });
    const users = await couch.couch.use<{ roles: string[] }>('_users').list({ include_docs: true });
    expect(
      users.rows.filter((r) => !r.id.startsWith('_')).map((r) => [r.id, r.doc?.roles]),
    ).toEqual([
      ['org.couchdb.user:claire', ['coordinator']],
      ['org.couchdb.user:sophie', ['relay']],
      ['org.couchdb.user:veille', ['coordinator']],
    ]);
  }, 600_000);
});
