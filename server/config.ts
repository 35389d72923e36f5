// Server configuration from the environment, plus the secrets generated on first run into
// data/credentials.json (gitignored; printed once).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Credentials {
  /** Base URL of the embedded server (without credentials). */
  readonly couchdbUrl: string;
  /** The embedded server's admin, used as the app's database account. */
  readonly admin: { readonly name: string; readonly password: string };
  /** Signs the app's own session cookies. */
  readonly sessionSecret: string;
}

export interface ServerConfig {
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly dbName: string;
  /** Embedded when COUCHDB_URL is unset. */
  readonly embedded: boolean;
  readonly embeddedPort: number;
  /** Base URL of CouchDB without credentials. */
  readonly couchUrl: string;
  readonly couchAuth: { readonly name: string; readonly password: string };
  readonly sessionSecret: string;
  /** SMS and conversations older than this many months are deleted by the worker (0: kept). */
  readonly retentionMonths: number;
}

export interface LoadedConfig {
  readonly config: ServerConfig;
  /** True when the credentials were generated just now (print them once). */
  readonly credentialsCreated: boolean;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): LoadedConfig {
  const dataDir = resolve(projectRoot, env.DATA_DIR ?? 'data');
  const embeddedPort = Number(env.EMBEDDED_COUCH_PORT ?? 5985);
  if (embeddedPort === 5984) {
    throw new Error('EMBEDDED_COUCH_PORT must not be 5984, the port of a real CouchDB');
  }
  const { credentials, created } = loadOrCreateCredentials(dataDir, embeddedPort);
  const embedded = !env.COUCHDB_URL;
  let couchUrl = credentials.couchdbUrl;
  let couchAuth = credentials.admin;
  if (env.COUCHDB_URL) {
    const url = new URL(env.COUCHDB_URL);
    couchAuth = {
      name: decodeURIComponent(url.username) || env.COUCHDB_USER || '',
      password: decodeURIComponent(url.password) || env.COUCHDB_PASSWORD || '',
    };
    url.username = '';
    url.password = '';
    couchUrl = url.toString().replace(/\/$/, '');
  }
  return {
    credentialsCreated: created,
    config: {
      host: env.HOST ?? '0.0.0.0',
      port: Number(env.PORT ?? 3000),
      dataDir,
      dbName: env.COUCHDB_DB ?? 'maillage',
      embedded,
      embeddedPort,
      couchUrl,
      couchAuth,
      sessionSecret: env.SESSION_SECRET ?? credentials.sessionSecret,
      retentionMonths: retentionMonthsOf(env.RETENTION_MONTHS),
    },
  };
}

function retentionMonthsOf(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 12;
  const months = Number(value);
  if (!Number.isInteger(months) || months < 0)
    throw new Error(`RETENTION_MONTHS must be a whole number of months (0 keeps everything)`);
  return months;
}

/**
 * Says once, on the run that generated them, where the embedded database's admin is kept; never
 * the password itself (logs are read and kept by more people than the file).
 */
export function announceNewCredentials({ config, credentialsCreated }: LoadedConfig): void {
  if (!credentialsCreated || !config.embedded) return;
  console.log(
    `First run: database admin "${config.couchAuth.name}" created; its password is in ` +
      `${join(config.dataDir, 'credentials.json')} (readable by this user only).`,
  );
}

/** The CouchDB base URL with the app's credentials inside, for nano. */
export function authenticatedCouchUrl(
  config: Pick<ServerConfig, 'couchUrl' | 'couchAuth'>,
): string {
  const url = new URL(config.couchUrl);
  url.username = encodeURIComponent(config.couchAuth.name);
  url.password = encodeURIComponent(config.couchAuth.password);
  return url.toString().replace(/\/$/, '');
}

/** The worker's settings an operator may change (README: settings), checked at start. */
export interface WorkerEnvSettings {
  readonly quietHours: { start: string; end: string; urgentWithinHours: number };
  readonly reminders: { time: string | null };
}

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

function clockTimeFrom(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name] ?? fallback;
  if (!CLOCK_TIME.test(value)) throw new Error(`${name} must be a time as HH:MM, not "${value}"`);
  return value;
}

export function workerSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): WorkerEnvSettings {
  const urgent = Number(env.QUIET_URGENT_HOURS ?? 12);
  if (!Number.isFinite(urgent) || urgent < 0 || urgent > 48)
    throw new Error('QUIET_URGENT_HOURS must be a number of hours from 0 to 48');
  const reminder = env.REMINDER_TIME ?? '18:00';
  return {
    quietHours: {
      start: clockTimeFrom(env, 'QUIET_HOURS_START', '21:00'),
      end: clockTimeFrom(env, 'QUIET_HOURS_END', '08:00'),
      urgentWithinHours: urgent,
    },
    reminders: { time: reminder === 'off' ? null : clockTimeFrom(env, 'REMINDER_TIME', '18:00') },
  };
}

function loadOrCreateCredentials(dataDir: string, embeddedPort: number) {
  const file = join(dataDir, 'credentials.json');
  if (existsSync(file)) {
    const credentials = JSON.parse(readFileSync(file, 'utf8')) as Credentials;
    // The port may have been changed since the first run.
    return {
      credentials: { ...credentials, couchdbUrl: `http://127.0.0.1:${embeddedPort}` },
      created: false,
    };
  }
  const credentials: Credentials = {
    couchdbUrl: `http://127.0.0.1:${embeddedPort}`,
    admin: { name: 'maillage-admin', password: randomBytes(18).toString('base64url') },
    sessionSecret: randomBytes(32).toString('base64url'),
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(credentials, null, 2) + '\n', { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return { credentials, created: true };
}
