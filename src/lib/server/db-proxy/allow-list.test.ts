import { describe, expect, it } from 'vitest';
import { classifyDbRequest, LONGPOLL_MAX_LIMIT } from './allow-list';

const classify = (method: string, path: string) =>
  classifyDbRequest(method, new URL(path, 'http://app.test'));

describe('the /db allow-list', () => {
  it('lets through every request PouchDB replication makes', () => {
    const allowed: [string, string, string][] = [
      ['GET', '/db', 'db-info'],
      ['GET', '/db/', 'db-info'],
      ['GET', '/db/_local/Jx0a.b_cD9EfGhIjKlMnOp==', 'local-doc'],
      ['PUT', '/db/_local/Jx0a.b_cD9EfGhIjKlMnOp==', 'local-doc'],
      ['POST', '/db/_revs_diff', 'revs-diff'],
      ['POST', '/db/_bulk_docs', 'bulk-docs'],
      ['GET', '/db/_changes?style=all_docs&since=0&limit=100', 'changes'],
      ['POST', '/db/_changes?filter=_doc_ids', 'changes'],
      ['GET', '/db/_changes?feed=longpoll&heartbeat=10000&since=12', 'changes'],
      ['POST', '/db/_bulk_get?revs=true&latest=true', 'bulk-get'],
      ['POST', '/db/_all_docs?include_docs=true', 'all-docs'],
      ['GET', '/db/_all_docs?include_docs=true', 'all-docs'],
      ['GET', '/db/person%3Aabc123?revs=true&open_revs=%5B%221-a%22%5D&latest=true', 'doc'],
      ['GET', '/db/person:abc123?revs=true&latest=true', 'doc'],
    ];
    for (const [method, path, kind] of allowed) {
      const result = classify(method, path);
      expect(result, `${method} ${path}`).toMatchObject({ ok: true, route: { kind } });
    }
  });

  it('refuses administration, design documents, other databases and attachments', () => {
    const refused: [string, string][] = [
      ['POST', '/db/__proto__'],
      ['GET', '/db/__proto__'],
      ['PUT', '/db'],
      ['PUT', '/db/'],
      ['DELETE', '/db'],
      ['POST', '/db'],
      ['PUT', '/db/_design/app'],
      ['GET', '/db/_design/app'],
      ['GET', '/db/_design/app/_view/by_type'],
      ['GET', '/db/_security'],
      ['PUT', '/db/_security'],
      ['POST', '/db/_compact'],
      ['POST', '/db/_purge'],
      ['POST', '/db/_find'],
      ['GET', '/db/_all_dbs'],
      ['GET', '/db/_users'],
      ['PUT', '/db/person:abc123'],
      ['DELETE', '/db/person:abc123?rev=1-a'],
      ['POST', '/db/person:abc123'],
      ['GET', '/db/person:abc123/photo.jpg'],
      ['GET', '/db/person:abc123?attachments=true'],
      ['DELETE', '/db/_local/Jx0a.b_cD9EfGhIjKlMnOp=='],
      ['PUT', '/db/_local/maillage-demo-seed'],
      ['GET', '/db/_local/worker-feed'],
      ['GET', '/db/_local'],
      ['GET', '/db/_local/a/b'],
      ['GET', '/db/_changes?feed=continuous'],
      ['GET', '/db/_changes?feed=eventsource'],
      ['GET', '/db/_changes?filter=app/mine'],
      ['GET', '/db/_changes?filter=_view&view=app/by_type'],
      ['GET', '/db/_bulk_docs'],
      ['DELETE', '/db/_revs_diff'],
    ];
    for (const [method, path] of refused) {
      expect(classify(method, path), `${method} ${path}`).toMatchObject({ ok: false });
    }
  });

  it('cannot be escaped with encoded slashes, dots or doubled slashes', () => {
    for (const path of [
      '/db/..%2F_users',
      '/db/%2E%2E%2F_users',
      '/db/_design%2Fapp',
      '/db/%5Fdesign%2Fapp',
      '/db/%5Fsecurity',
      '/db/_local%2Fabc',
      '/db//_users',
      '/db/%2e%2e',
      '/db/a%5C..%5C_users',
      '/db/%E0%A4%A',
      '/db/a%00b',
    ]) {
      expect(classify('GET', path), path).toMatchObject({ ok: false });
    }
    expect(classify('GET', '/dbx')).toMatchObject({ ok: false });
    expect(classify('GET', '/_users')).toMatchObject({ ok: false });
  });

  it('re-encodes what it forwards, so CouchDB sees the same document id', () => {
    expect(classify('GET', '/db/person%3Aabc?revs=true')).toMatchObject({
      ok: true,
      path: 'person%3Aabc',
    });
    // PouchDB sends checkpoint ids through encodeURIComponent: "==" arrives as "%3D%3D".
    expect(classify('PUT', '/db/_local/Jx0a.b_cD9EfGhIjKlMnOp%3D%3D')).toMatchObject({
      ok: true,
      path: '_local/Jx0a.b_cD9EfGhIjKlMnOp%3D%3D',
      route: { id: 'Jx0a.b_cD9EfGhIjKlMnOp==' },
    });
  });

  it('bounds the batch of a long poll, which the proxy holds in memory', () => {
    const big = classify('GET', '/db/_changes?feed=longpoll&limit=100000');
    const none = classify('GET', '/db/_changes?feed=longpoll');
    const small = classify('GET', '/db/_changes?feed=longpoll&limit=100');
    if (!big.ok || !none.ok || !small.ok) throw new Error('long polls are allowed');
    expect(big.query.get('limit')).toBe(String(LONGPOLL_MAX_LIMIT));
    expect(none.query.get('limit')).toBe(String(LONGPOLL_MAX_LIMIT));
    expect(small.query.get('limit')).toBe('100');
    expect(big.route).toEqual({ kind: 'changes', longpoll: true });
  });
});
