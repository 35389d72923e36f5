// Starts the real app (`server/main.ts`: embedded database + built SvelteKit app) in a child
// process with its own data folder and ports, so a test can stop it and start it again.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunningApp {
  readonly url: string;
  readonly couchUrl: string;
  readonly dataDir: string;
  readonly port: number;
  readonly couchPort: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
    server.once('error', reject);
  });
}

export async function startApp(
  previous?: Pick<RunningApp, 'dataDir' | 'port' | 'couchPort'>,
  /** More arguments for `server/main.ts`, e.g. `--no-worker`. */
  args: readonly string[] = [],
): Promise<RunningApp> {
  const dataDir = previous?.dataDir ?? mkdtempSync(join(tmpdir(), 'maillage-e2e-'));
  const port = previous?.port ?? (await freePort());
  const couchPort = previous?.couchPort ?? (await freePort());
  const child = spawn('npx', ['tsx', 'server/main.ts', ...args], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_COUCH_PORT: String(couchPort),
      COUCHDB_URL: '',
      SMS_GATEWAY: 'console',
      // The app runs on the real clock: at night quiet hours would hold the SMS a test waits for.
      QUIET_HOURS_START: '00:00',
      QUIET_HOURS_END: '00:00',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  await waitForLine(child, /Maillage: http/);
  const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as {
    admin: { name: string; password: string };
  };
  const couchUrl = `http://${encodeURIComponent(credentials.admin.name)}:${encodeURIComponent(
    credentials.admin.password,
  )}@127.0.0.1:${couchPort}`;
  return {
    url: `http://127.0.0.1:${port}`,
    couchUrl,
    dataDir,
    port,
    couchPort,
    stop: () => stopChild(child),
  };
}

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`app did not start:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`app exited (${code}) before starting:\n${output}`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    // Killed by a signal, a child has a `signalCode` and no `exitCode`.
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    // The whole process group: npx, tsx and node.
    process.kill(-child.pid!, 'SIGTERM');
  });
}
