// Seeds the demo data once per database: a marker in a _local document (never replicated)
// tells a restart that it is already there.
import type nano from 'nano';
import type { Commune } from '../../src/lib/domain/gazetteer/types';
import { buildDemoData } from '../seed/demo';
import { upsertUser } from './setup';

const MARKER = '_local/maillage-demo-seed';

export interface SeedResult {
  readonly seeded: boolean;
  readonly users: ReadonlyArray<{ name: string; password: string; roles: readonly string[] }>;
  readonly documents: number;
}

export async function seedDemoOnce(
  couch: nano.ServerScope,
  dbName: string,
  communes: readonly Commune[],
  now: Date,
): Promise<SeedResult> {
  const db = couch.use(dbName);
  const demo = buildDemoData({ now, communes, random: seededRandom(46) });
  try {
    await db.get(MARKER);
    return { seeded: false, users: demo.users, documents: 0 };
  } catch (err) {
    if ((err as { statusCode?: number }).statusCode !== 404) throw err;
  }
  for (const user of demo.users) await upsertUser(couch, user);
  const results = await db.bulk({ docs: demo.docs as nano.MaybeDocument[] });
  const failed = results.filter((r) => r.error && r.error !== 'conflict');
  if (failed.length) {
    throw new Error(
      `demo seed: ${failed.length} documents refused, first: ${JSON.stringify(failed[0])}`,
    );
  }
  await db.insert({ _id: MARKER, seededAt: now.toISOString() } as nano.MaybeDocument);
  return { seeded: true, users: demo.users, documents: demo.docs.length };
}

/** mulberry32: a small deterministic generator, so the demo is the same on every machine. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
