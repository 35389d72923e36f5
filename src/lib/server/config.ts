// Configuration of the SvelteKit server, read at request time (never at build time): server/main.ts
// sets process.env before loading the built handler, and `vite dev` falls back on the credentials
// that server/main.ts wrote into data/credentials.json on its first run.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface CouchAccount {
  readonly name: string;
  readonly password: string;
}

export interface AppConfig {
  /** Base URL of CouchDB, without credentials and without a trailing slash. */
  readonly couchUrl: string;
  /** The app's own database account; the browser never sees it. */
  readonly couchAuth: CouchAccount;
  /** The territory database behind /db. */
  readonly couchDb: string;
  /** Signs the maillage_session cookie (HMAC-SHA256). */
  readonly sessionSecret: string;
  /** Largest request body the /db proxy accepts, in bytes. */
  readonly maxBodyBytes: number;
  /** Longest time a long-polled _changes request is held open by the proxy. */
  readonly longpollMaxMs: number;
}

export class ConfigError extends Error {}

export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
export const DEFAULT_LONGPOLL_MAX_MS = 55_000;

interface CredentialsFile {
  couchdbUrl?: string;
  admin?: { name?: string; password?: string };
  sessionSecret?: string;
}

let cached: { key: string; config: AppConfig } | null = null;

/** The configuration for this request; cheap to call (memoised on the variables it reads). */
export function getAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const key = [
    env.COUCHDB_URL,
    env.COUCHDB_USER,
    env.COUCHDB_PASSWORD,
    env.COUCHDB_DB,
    env.SESSION_SECRET,
    env.DATA_DIR,
    env.EMBEDDED_COUCH_PORT,
    env.DB_PROXY_MAX_BODY_BYTES,
    env.DB_PROXY_LONGPOLL_MAX_MS,
  ].join('\u0000');
  if (cached?.key === key) return cached.config;
  const config = readAppConfig(env);
  cached = { key, config };
  return config;
}

export function readAppConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): AppConfig {
  let credentials: CredentialsFile | null = null;
  const needFile = !env.COUCHDB_URL || !env.SESSION_SECRET;
  if (needFile) credentials = readCredentialsFile(resolve(cwd, env.DATA_DIR ?? 'data'));

  let couchUrl: string;
  let couchAuth: CouchAccount;
  if (env.COUCHDB_URL) {
    const url = parseUrl(env.COUCHDB_URL, 'COUCHDB_URL');
    couchAuth = {
      name: decodeURIComponent(url.username) || env.COUCHDB_USER || '',
      password: decodeURIComponent(url.password) || env.COUCHDB_PASSWORD || '',
    };
    url.username = '';
    url.password = '';
    couchUrl = url.toString();
  } else {
    const admin = credentials?.admin;
    if (!credentials?.couchdbUrl || !admin?.name || !admin.password) {
      throw new ConfigError(
        'COUCHDB_URL is unset and data/credentials.json has no couchdbUrl and admin',
      );
    }
    // The embedded server's port may have been changed since the first run (see server/config.ts).
    const url = parseUrl(credentials.couchdbUrl, 'couchdbUrl');
    if (env.EMBEDDED_COUCH_PORT) url.port = env.EMBEDDED_COUCH_PORT;
    couchUrl = url.toString();
    couchAuth = { name: admin.name, password: admin.password };
  }
  if (!couchAuth.name) {
    throw new ConfigError(
      'No database account: put it in COUCHDB_URL or COUCHDB_USER/COUCHDB_PASSWORD',
    );
  }

  const sessionSecret = env.SESSION_SECRET || credentials?.sessionSecret;
  if (!sessionSecret) {
    throw new ConfigError('SESSION_SECRET is unset and data/credentials.json has no sessionSecret');
  }
  if (sessionSecret.length < 16)
    throw new ConfigError('SESSION_SECRET must be at least 16 characters');

  return {
    couchUrl: couchUrl.replace(/\/+$/, ''),
    couchAuth,
    couchDb: env.COUCHDB_DB || 'maillage',
    sessionSecret,
    maxBodyBytes: positiveNumber(env.DB_PROXY_MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES),
    longpollMaxMs: positiveNumber(env.DB_PROXY_LONGPOLL_MAX_MS, DEFAULT_LONGPOLL_MAX_MS),
  };
}

function readCredentialsFile(dataDir: string): CredentialsFile | null {
  try {
    return JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as CredentialsFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ConfigError(
      `Cannot read ${join(dataDir, 'credentials.json')}: ${(err as Error).message}`,
    );
  }
}

function parseUrl(value: string, name: string): URL {
  try {
    return new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
}

function positiveNumber(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
}
