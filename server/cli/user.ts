// npm run user -- add NAME --role relay|coordinator|admin [--password PW]
// Creates (or updates) a login in CouchDB _users. Works whether or not `npm start` is running:
// with the embedded database stopped, it starts it just long enough.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import nano from 'nano';
import { announceNewCredentials, authenticatedCouchUrl, loadConfig } from '../config';
import { startEmbeddedCouch } from '../couch/embedded';
import { upsertUser } from '../couch/setup';

const ROLES = ['relay', 'coordinator', 'admin'] as const;
const USAGE =
  'usage: npm run user -- add NAME --role relay|coordinator|admin [--password PASSWORD]';

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string', multiple: true }, password: { type: 'string' } },
});
const [command, name] = positionals;
if (command !== 'add' || !name) fail(USAGE);
if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(name)) {
  fail('NAME: 2 to 64 characters, lowercase letters, digits, dot, dash or underscore');
}
const roles = values.role ?? [];
if (!roles.length || roles.some((r) => !(ROLES as readonly string[]).includes(r))) fail(USAGE);
const password = values.password ?? randomBytes(9).toString('base64url');
if (password.length < 8) fail('PASSWORD: at least 8 characters');

const loaded = loadConfig();
const { config } = loaded;
announceNewCredentials(loaded);
let stop = async () => {};
if (config.embedded && !(await reachable(config.couchUrl))) {
  const server = await startEmbeddedCouch({
    dataDir: config.dataDir,
    port: config.embeddedPort,
    admin: config.couchAuth,
  });
  stop = server.stop;
}
try {
  const outcome = await upsertUser(nano(authenticatedCouchUrl(config)), { name, password, roles });
  console.log(
    `${outcome === 'created' ? 'Created' : 'Updated'} login "${name}" (${roles.join(', ')}).`,
  );
  if (!values.password) console.log(`Password: ${password}`);
} finally {
  await stop();
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}
