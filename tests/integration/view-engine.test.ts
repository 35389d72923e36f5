// Views give the rows CouchDB's semantics say, whatever document they index: each map function
// runs once per document with its own emit, a document whose map throws has no rows and does not
// stop the others, and nothing a call leaves behind is seen by the next. The embedded server
// compiles each map function once (patches/pouchdb-node+9.0.0.patch); the reference here runs
// it the way the unpatched engine did, in a fresh vm context per document.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import nano from 'nano';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCouch } from '../../server/couch/embedded';
import { startTestCouch, type TestCouch } from './support/couch';

const require = createRequire(import.meta.url);
const vm = require('node:vm') as typeof import('node:vm');
const embedded = !process.env.TEST_COUCHDB_URL;

type Doc = { _id: string; _rev?: string } & Record<string, unknown>;
type Row = { id: string; key: unknown; value: unknown };

// Plain ES5, as design documents must be to run on Apache CouchDB too.
const PORTABLE_VIEWS: Record<string, string> = {
  per_doc: `function (doc) {
    if (doc.kind !== 'item') return;
    emit([doc.group, doc.n], doc.n * 2);
    for (var i = 0; i < doc.tags.length; i++) emit(['tag', doc.tags[i]], { n: doc.n, at: i });
  }`,
  throws_on_some: `function (doc) {
    emit(['before', doc.n], null);
    if (doc.n % 7 === 3) throw new Error('unlucky ' + doc.n);
    if (doc.n % 7 === 5) doc.missing.field = 1;
    emit(doc.n, doc._id);
  }`,
  reads_nested: `function (doc) {
    if (doc.meta && doc.meta.owner) emit(doc.meta.owner, doc.meta.tags ? doc.meta.tags.length : 0);
  }`,
};

// What only the embedded engine promises beyond CouchDB: nothing survives from one call to the next.
const ISOLATION_VIEWS: Record<string, string> = {
  writes_a_global: `function (doc) {
    var g = (0, eval)('this');
    emit(doc.n, g.previous === undefined ? null : g.previous);
    g.previous = doc.n;
  }`,
  keeps_a_closure: `(function () {
    var seen = 0;
    return function (doc) { seen += 1; emit(doc.n, seen); };
  })()`,
  mutates_its_doc: `function (doc) {
    emit(doc.n, doc.touched === undefined ? null : doc.touched);
    doc.touched = true;
  }`,
  reassigns_emit: `function (doc) {
    emit(doc.n, 'own');
    emit = function () {};
  }`,
  pollutes_builtins: `function (doc) {
    var before = [].leak === undefined ? null : [].leak;
    if (doc.n === 1) Array.prototype.leak = doc.n;
    emit(doc.n, before);
  }`,
};

const SUM_MAP = `function (doc) { if (doc.kind === 'item') emit(doc.group, doc.n); }`;
const SUM_REDUCE = `function (keys, values, rereduce) { return sum(values); }`;

function designDoc(views: Record<string, string>) {
  const out: Record<string, { map: string; reduce?: string }> = {};
  for (const [name, map] of Object.entries(views)) out[name] = { map };
  out.sum_by_group = { map: SUM_MAP, reduce: SUM_REDUCE };
  return { _id: '_design/probe', language: 'javascript', views: out };
}

/**
 * The unpatched engine's semantics: a new vm context and fresh helpers for every document; a
 * document whose map function throws has no rows at all (as in CouchDB), even those it emitted.
 */
function referenceRows(map: string, docs: Doc[]): Row[] {
  const rows: Row[] = [];
  for (const doc of docs) {
    let emitted: string;
    try {
      emitted = vm.runInNewContext(
        '(function () { "use strict"; var out = [];' +
          'var emit = function (k, v) { out.push([k, v]); };' +
          `(${map})(${JSON.stringify(doc)}); return JSON.stringify(out); })()`,
      ) as string;
    } catch {
      continue;
    }
    for (const [key, value] of JSON.parse(emitted) as [unknown, unknown][])
      rows.push({ id: doc._id, key: key ?? null, value: value ?? null });
  }
  return rows;
}

const canonical = (rows: Row[]) =>
  rows.map((r) => JSON.stringify([r.id, r.key, r.value ?? null])).sort();

const itemArb = fc.record({
  n: fc.integer({ min: 0, max: 60 }),
  group: fc.constantFrom('gramat', 'figeac', 'cahors', 'Saint-Céré'),
  tags: fc.array(fc.string({ maxLength: 6 }), { maxLength: 4 }),
  meta: fc.option(
    fc.record({
      owner: fc.constantFrom('sophie', 'jean', ''),
      tags: fc.option(fc.array(fc.integer(), { maxLength: 3 }), { nil: undefined }),
    }),
    { nil: undefined },
  ),
  kind: fc.constantFrom('item', 'item', 'other'),
});

describe('views of the embedded CouchDB-compatible server', () => {
  let t: TestCouch;
  let couch: nano.ServerScope;
  let run = 0;
  beforeAll(async () => {
    t = await startTestCouch({ setup: false });
    couch = t.couch;
  });
  afterAll(() => t.stop());

  async function freshDb(views: Record<string, string>) {
    const name = `${t.dbName}-views-${run++}`;
    await couch.db.create(name);
    const db = couch.use<Record<string, unknown>>(name);
    await db.insert(designDoc(views) as never);
    return { name, db };
  }

  async function stored(db: nano.DocumentScope<Record<string, unknown>>): Promise<Doc[]> {
    const all = await db.list({ include_docs: true });
    return all.rows.map((r) => r.doc as unknown as Doc).filter((d) => !d._id.startsWith('_'));
  }

  async function rowsOf(db: nano.DocumentScope<Record<string, unknown>>, view: string) {
    return (await db.view('probe', view)).rows as Row[];
  }

  it('gives every view the rows of its map function run on each document alone, through updates and deletions', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(itemArb, { minLength: 1, maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (items, edits) => {
          const { name, db } = await freshDb(PORTABLE_VIEWS);
          const docs = items.map((item, i) => ({
            _id: `item:${String(i).padStart(3, '0')}`,
            ...item,
          }));
          await db.bulk({ docs: docs as never[] });
          for (const view of Object.keys(PORTABLE_VIEWS)) {
            expect(canonical(await rowsOf(db, view))).toEqual(
              canonical(referenceRows(PORTABLE_VIEWS[view]!, await stored(db))),
            );
          }
          // Edits and deletions after a first indexing: only what changed is mapped again.
          const current = await stored(db);
          const changes = edits.map((e, i) => {
            const doc = current[e % current.length]!;
            return i % 3 === 2 ? { ...doc, _deleted: true } : { ...doc, n: (e * 7) % 61 };
          });
          const unique = [...new Map(changes.map((d) => [d._id, d])).values()];
          await db.bulk({ docs: unique as never[] });
          const after = await stored(db);
          for (const view of Object.keys(PORTABLE_VIEWS)) {
            expect(canonical(await rowsOf(db, view))).toEqual(
              canonical(referenceRows(PORTABLE_VIEWS[view]!, after)),
            );
          }
          // A reduce function written in the design document, compiled once as well.
          const sums = await db.view('probe', 'sum_by_group', { group: true });
          const expected = new Map<string, number>();
          for (const d of after)
            if (d.kind === 'item')
              expected.set(
                d.group as string,
                (expected.get(d.group as string) ?? 0) + (d.n as number),
              );
          expect(new Map(sums.rows.map((r) => [r.key as string, r.value as number]))).toEqual(
            expected,
          );
          await couch.db.destroy(name);
        },
      ),
      { numRuns: 6 },
    );
  });

  it('indexes the documents around one whose map function throws', async () => {
    const { name, db } = await freshDb(PORTABLE_VIEWS);
    const docs = Array.from({ length: 40 }, (_, n) => ({ _id: `item:${n}`, n, kind: 'other' }));
    await db.bulk({ docs: docs as never[] });
    const rows = await rowsOf(db, 'throws_on_some');
    const fine = docs.map((d) => d.n).filter((n) => n % 7 !== 3 && n % 7 !== 5);
    // Not even the row emitted before the error is kept for a document whose map throws.
    expect(rows.filter((r) => Array.isArray(r.key)).map((r) => (r.key as number[])[1])).toEqual(
      fine,
    );
    expect(rows.filter((r) => !Array.isArray(r.key)).map((r) => r.key)).toEqual(fine);
    await couch.db.destroy(name);
  });

  it('answers with the map function of the design document revision in place', async () => {
    const { name, db } = await freshDb(PORTABLE_VIEWS);
    await db.bulk({
      docs: [1, 2, 3].map((n) => ({ _id: `item:${n}`, n, kind: 'other' })) as never[],
    });
    expect((await rowsOf(db, 'reads_nested')).length).toBe(0);
    const ddoc = (await db.get('_design/probe')) as unknown as Doc;
    const views = ddoc.views as Record<string, { map: string }>;
    views.reads_nested = { map: 'function (doc) { emit(doc.n * 10, null); }' };
    await db.insert(ddoc as never);
    expect((await rowsOf(db, 'reads_nested')).map((r) => r.key)).toEqual([10, 20, 30]);
    await couch.db.destroy(name);
  });

  describe.skipIf(!embedded)('on the embedded engine', () => {
    it('lets nothing a map function leaves behind reach the next document', async () => {
      const { name, db } = await freshDb(ISOLATION_VIEWS);
      const docs = Array.from({ length: 30 }, (_, n) => ({
        _id: `item:${String(n).padStart(2, '0')}`,
        n,
      }));
      await db.bulk({ docs: docs as never[] });
      const all = await stored(db);
      for (const view of [
        'writes_a_global',
        'keeps_a_closure',
        'mutates_its_doc',
        'reassigns_emit',
      ]) {
        expect(canonical(await rowsOf(db, view)), view).toEqual(
          canonical(referenceRows(ISOLATION_VIEWS[view]!, all)),
        );
      }
      // The built-ins are frozen: the document that tries to change one fails alone, and no other
      // document sees a change.
      const polluted = await rowsOf(db, 'pollutes_builtins');
      expect(polluted.map((r) => r.key)).toEqual(docs.map((d) => d.n).filter((n) => n !== 1));
      expect(polluted.every((r) => r.value === null)).toBe(true);
      await couch.db.destroy(name);
    });

    it('compiles a map function once for all the documents it indexes, not once per document', async () => {
      // Served from this thread, so that the contexts it creates can be counted here.
      const dataDir = mkdtempSync(join(tmpdir(), 'maillage-views-'));
      const admin = { name: 'views-admin', password: 'views-password' };
      const server = await startEmbeddedCouch({ dataDir, port: 0, admin, inProcess: true });
      const u = new URL(server.url);
      u.username = admin.name;
      u.password = admin.password;
      const local = nano(u.toString());
      await local.db.create('counted');
      const db = local.use<Record<string, unknown>>('counted');
      const counted = {
        per_doc: PORTABLE_VIEWS.per_doc!,
        reads_nested: PORTABLE_VIEWS.reads_nested!,
      };
      await db.insert(designDoc(counted) as never);
      const docs = Array.from({ length: 200 }, (_, n) => ({
        _id: `item:${n}`,
        n,
        kind: 'item',
        group: 'gramat',
        tags: ['a'],
      }));
      await db.bulk({ docs: docs as never[] });
      const created = { contexts: 0 };
      const original = { runInNewContext: vm.runInNewContext, createContext: vm.createContext };
      vm.runInNewContext = ((...args: Parameters<typeof vm.runInNewContext>) => {
        created.contexts++;
        return original.runInNewContext(...args);
      }) as typeof vm.runInNewContext;
      vm.createContext = ((...args: Parameters<typeof vm.createContext>) => {
        created.contexts++;
        return original.createContext(...args);
      }) as typeof vm.createContext;
      try {
        for (const view of Object.keys(counted)) await rowsOf(db, view);
        // One more document: indexed with the functions already compiled.
        await db.insert({ _id: 'item:late', n: 1000, kind: 'item', group: 'figeac', tags: [] });
        for (const view of Object.keys(counted)) await rowsOf(db, view);
      } finally {
        Object.assign(vm, original);
      }
      expect((await rowsOf(db, 'per_doc')).length).toBe(2 * docs.length + 1);
      expect(created.contexts).toBeLessThanOrEqual(Object.keys(counted).length);
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    });
  });
});
