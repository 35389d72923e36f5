import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCouch, type TestCouch } from './support/couch';

describe('the embedded CouchDB-compatible server', () => {
  let t: TestCouch;
  beforeAll(async () => {
    t = await startTestCouch();
  });
  afterAll(() => t.stop());

  it('listens on loopback only and speaks the CouchDB API', async () => {
    expect(new URL(t.baseUrl).hostname).toBe('127.0.0.1');
    const info = await t.couch.db.get(t.dbName);
    expect(info.db_name).toBe(t.dbName);
  });

  it('refuses anonymous reads of the territory database', async () => {
    const res = await fetch(`${t.baseUrl}/${t.dbName}/_all_docs`);
    expect(res.status).toBe(401);
  });
});

describe('the embedded server restarted on the same data folder', () => {
  it('starts again, keeps its data and its admin', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { startEmbeddedCouch } = await import('../../server/couch/embedded');
    const nano = (await import('nano')).default;
    const dataDir = mkdtempSync(join(tmpdir(), 'maillage-restart-'));
    const admin = { name: 'admin', password: 'restart-secret' };
    try {
      for (let run = 0; run < 3; run++) {
        const server = await startEmbeddedCouch({ dataDir, port: 0, admin });
        const u = new URL(server.url);
        u.username = admin.name;
        u.password = admin.password;
        const couch = nano(u.toString());
        if (run === 0) await couch.db.create('kept');
        const db = couch.use('kept');
        await db.insert({ _id: `doc-${run}` });
        expect((await db.info()).doc_count).toBe(run + 1);
        // Give the config file's own rewrite on load time to finish before stopping.
        await new Promise((r) => setTimeout(r, 200));
        await server.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
