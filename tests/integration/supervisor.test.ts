// `npm start` supervises the app, the embedded database and the worker as child processes: each
// killed hard comes back, the others answering meanwhile, and SIGTERM stops them all (issue 7,
// point 2). Runs the real server/main.ts against the built app (built here when missing).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nano from 'nano';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuild } from '../../server/build-if-missing';
import { recordInbound } from '../../src/lib/server/shared/record-sms';

type Part = 'app' | 'database' | 'worker';

let supervisor: ChildProcess;
let output = '';
let dataDir: string;
let appUrl: string;
let couchUrl: string;
let couchBase: string;
let couchAuth: string;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.once('error', reject);
  });
}

async function until<T>(what: string, probe: () => Promise<T | null> | T | null): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = await Promise.resolve(probe()).catch(() => null);
    if (value !== null && value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}\n${output.slice(-3000)}`);
}

/** Every pid the supervisor started a part under, in order. */
function pidsOf(part: Part): number[] {
  const pattern = new RegExp(`\\[supervisor\\] ${part} started \\(pid (\\d+)\\)`, 'g');
  return [...output.matchAll(pattern)].map((m) => Number(m[1]));
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Whether each part answers: the app over HTTP, the database over HTTP, the worker is running. */
async function answers(part: Part): Promise<boolean> {
  try {
    if (part === 'app') return (await fetch(`${appUrl}/api/session`)).status === 401;
    if (part === 'database')
      return (await fetch(couchBase, { headers: { authorization: couchAuth } })).status === 200;
    return alive(pidsOf('worker').at(-1)!);
  } catch {
    return false;
  }
}

beforeAll(async () => {
  ensureBuild();
  dataDir = mkdtempSync(join(tmpdir(), 'maillage-supervisor-'));
  const port = await freePort();
  const couchPort = await freePort();
  supervisor = spawn('npx', ['tsx', 'server/main.ts', '--no-demo'], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      EMBEDDED_COUCH_PORT: String(couchPort),
      COUCHDB_URL: '',
      SMS_GATEWAY: 'console',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  supervisor.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  supervisor.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await until('the app', () => (/Maillage: http/.test(output) ? true : null));
  const { admin } = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as {
    admin: { name: string; password: string };
  };
  appUrl = `http://127.0.0.1:${port}`;
  couchBase = `http://127.0.0.1:${couchPort}/`;
  couchAuth = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;
  couchUrl = `http://${admin.name}:${encodeURIComponent(admin.password)}@127.0.0.1:${couchPort}`;
}, 600_000);

afterAll(async () => {
  if (supervisor?.exitCode === null) process.kill(-supervisor.pid!, 'SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the supervisor of npm start', () => {
  it.each<[Part, Part[]]>([
    ['app', ['database', 'worker']],
    ['database', ['app', 'worker']],
    ['worker', ['app', 'database']],
  ])('brings the %s back after a SIGKILL while the others keep answering', async (part, others) => {
    for (const p of ['app', 'database', 'worker'] as const)
      await until(p, async () => (await answers(p)) || null);
    const before = Object.fromEntries(others.map((p) => [p, pidsOf(p).at(-1)]));
    const killed = pidsOf(part).at(-1)!;
    process.kill(killed, 'SIGKILL');
    await until(`${part} gone`, () => (alive(killed) ? null : true));
    // The supervisor's output with it: the cause of a part gone is in its log, not here.
    for (const other of others)
      expect(await answers(other), `${other} answers\n${output.slice(-3000)}`).toBe(true);

    const back = await until(`${part} restarted`, () => {
      const pid = pidsOf(part).at(-1)!;
      return pid !== killed ? pid : null;
    });
    await until(`${part} answering again`, async () => (await answers(part)) || null);
    expect(alive(back)).toBe(true);
    expect(output).toMatch(new RegExp(`${part} stopped \\(signal SIGKILL\\) after [\\d.]+ s`));
    // The others were not restarted.
    for (const other of others) expect(pidsOf(other).at(-1)).toBe(before[other]);
  });

  it('still answers an SMS once every part has been killed and brought back', async () => {
    const couch = nano(couchUrl);
    const now = new Date();
    const { id } = await recordInbound(
      couch,
      'maillage',
      'console',
      {
        from: '+33639980999',
        text: 'Gramat Figeac demain 9h',
        receivedAt: now.toISOString(),
      },
      now,
    );
    const db = couch.use<{ state?: string }>('maillage');
    await until('the SMS handled', async () =>
      (await db.get(id)).state !== 'received' ? true : null,
    );
  });

  it('stops every part on SIGTERM', async () => {
    const parts = (['app', 'database', 'worker'] as const).map((p) => pidsOf(p).at(-1)!);
    const exited = new Promise<number | null>((resolve) => supervisor.once('exit', resolve));
    // The supervisor itself (not npx's process group): it must stop its children.
    const own = Number(/\[supervisor\] started \(pid (\d+)\)/.exec(output)![1]);
    process.kill(own, 'SIGTERM');
    await exited;
    await until('every part stopped', () => (parts.some(alive) ? null : true));
  });
});
