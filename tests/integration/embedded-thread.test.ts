// The embedded server runs in a thread of its own, so the database's work does not take the
// event loop of the app or the worker that started it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nano from 'nano';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCouch, type EmbeddedCouch } from '../../server/couch/embedded';
import { threadCpuMs } from '../../server/couch/thread-cpu';

describe('the embedded server’s own thread', () => {
  let dataDir: string;
  let server: EmbeddedCouch;
  let couch: nano.ServerScope;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'maillage-thread-'));
    const admin = { name: 'thread-admin', password: 'thread-password' };
    server = await startEmbeddedCouch({ dataDir, port: 0, admin });
    const u = new URL(server.url);
    u.username = admin.name;
    u.password = admin.password;
    couch = nano(u.toString());
  });
  afterAll(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(threadCpuMs() === null)('does the database’s work on its own CPU time', async () => {
    const before = (await server.cpuMs())!;
    await couch.db.create('busy');
    const db = couch.use<{ n: number }>('busy');
    for (let i = 0; i < 100; i++) await db.insert({ _id: `doc-${i}`, n: i });
    expect(await server.cpuMs()).toBeGreaterThan(before);
  });

  it('has no thread of its own when asked to serve in-process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maillage-in-process-'));
    const admin = { name: 'a', password: 'in-process-password' };
    const here = await startEmbeddedCouch({ dataDir: dir, port: 0, admin, inProcess: true });
    expect(await here.cpuMs()).toBeNull();
    // _users opens in the background: wait until it answers, so stop() closes an open database
    // and the folder is not removed under it.
    const auth = `Basic ${Buffer.from(`${admin.name}:${admin.password}`).toString('base64')}`;
    expect((await fetch(`${here.url}/_users`, { headers: { authorization: auth } })).status).toBe(
      200,
    );
    await here.stop();
    rmSync(dir, { recursive: true, force: true });
  });
});
