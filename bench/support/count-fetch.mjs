// Preloaded (NODE_OPTIONS=--import) into the app's processes by the replication bench only:
// counts each process's fetch() and http.request() calls by method and CouchDB endpoint, with its
// CPU time, in $MAILLAGE_BENCH_COUNTS/<pid>.json, so the bench tells requests and CPU apart from
// wall time. Written when the bench touches $MAILLAGE_BENCH_COUNTS/want: a write every 100 ms
// cost the app ~4 ms of its event loop each under load (134 ms during one push).
import { renameSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

const dir = process.env.MAILLAGE_BENCH_COUNTS;
// The main thread only: a worker thread shares the pid, and process.cpuUsage() covers them all.
if (dir && isMainThread && typeof globalThis.fetch === 'function') {
  const original = globalThis.fetch;
  const counts = {};
  const endpoint = (url) => {
    const [db = '', ...path] = new URL(String(url)).pathname.split('/').slice(1);
    if (path.length === 0 || path[0] === '') return `${db}/(info)`;
    if (path[0] === '_design') return `${db}/${path.slice(0, 4).join('/')}`;
    return `${db}/${path[0].startsWith('_') ? path[0] : '(doc)'}`;
  };
  globalThis.fetch = (input, init) => {
    const url = typeof input === 'string' || input instanceof URL ? input : input.url;
    const key = `${init?.method ?? 'GET'} ${endpoint(url)}`;
    counts[key] = (counts[key] ?? 0) + 1;
    return original(input, init);
  };
  // The /db proxy's JSON calls go through node:http (src/lib/server/db-proxy/couch-request.ts).
  const request = http.request;
  http.request = (url, options, ...rest) => {
    const key = `${options?.method ?? 'GET'} ${endpoint(url)}`;
    counts[key] = (counts[key] ?? 0) + 1;
    return request(url, options, ...rest);
  };
  const save = () => {
    const cpu = process.cpuUsage();
    const file = join(dir, `${process.pid}.json`);
    // Read here, not at preload: a forked child's argv is not set yet then.
    const role = process.argv.slice(1).join(' ');
    // Renamed into place: the bench never reads a half-written file.
    writeFileSync(
      `${file}.tmp`,
      JSON.stringify({ role, cpuMs: (cpu.user + cpu.system) / 1000, counts }),
    );
    renameSync(`${file}.tmp`, file);
  };
  const want = join(dir, 'want');
  let asked = 0;
  setInterval(() => {
    const stamp = statSync(want, { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (stamp === asked) return;
    asked = stamp;
    save();
  }, 50).unref();
}
