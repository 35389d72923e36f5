import { describe, expect, it } from 'vitest';
import { classifyDbRequest } from './allow-list';
import { checkDbBody, checkDbQuery, hasCheckedBody } from './request-shape';

/** Classifies, then checks query and body as the proxy does: true when forwarded. */
function forwarded(method: string, path: string, body?: unknown): boolean | string {
  const c = classifyDbRequest(method, new URL(path, 'http://app.test'));
  if (!c.ok) return c.reason;
  const q = checkDbQuery(c.route, method, c.query);
  if (!q.ok) return q.reason;
  if (!hasCheckedBody(c.route, method)) return true;
  const b = checkDbBody(c.route, c.query, body);
  return b.ok ? true : b.reason;
}

describe('the shapes the /db proxy forwards', () => {
  it('are those PouchDB’s replication sends', () => {
    const rev = '1-0123456789abcdef0123456789abcdef';
    expect(forwarded('GET', '/db/')).toBe(true);
    expect(forwarded('GET', '/db/_changes?style=all_docs&since=0&limit=100')).toBe(true);
    expect(forwarded('GET', '/db/_changes?feed=longpoll&heartbeat=10000&since=12-g1AAAA')).toBe(
      true,
    );
    expect(
      forwarded('POST', '/db/_changes?filter=_doc_ids&since=0', { doc_ids: ['person:a'] }),
    ).toBe(true);
    expect(forwarded('POST', '/db/_revs_diff', { 'person:a': [rev] })).toBe(true);
    expect(
      forwarded('POST', '/db/_bulk_get?revs=true&latest=true', { docs: [{ id: 'person:a', rev }] }),
    ).toBe(true);
    expect(forwarded('POST', '/db/_all_docs?include_docs=true', { keys: ['person:a'] })).toBe(true);
    expect(
      forwarded(
        'GET',
        `/db/person:a?revs=true&open_revs=${encodeURIComponent(JSON.stringify([rev]))}&latest=true`,
      ),
    ).toBe(true);
    expect(
      forwarded('PUT', '/db/_local/Jx0a.b_cD9EfGhIjKlMnOp%3D%3D', {
        _id: '_local/Jx0a.b_cD9EfGhIjKlMnOp==',
        last_seq: 4,
      }),
    ).toBe(true);
  });

  it('leave out the shapes that crashed the embedded server, with a French reason', () => {
    for (const [method, path, body] of [
      ['GET', '/db/_changes?filter=_selector'],
      ['GET', '/db/_changes?filter=_doc_ids'],
      ['POST', '/db/_changes?filter=_selector', {}],
      ['POST', '/db/_changes?filter=_doc_ids', { doc_ids: 'x' }],
      ['POST', '/db/_revs_diff', [1, 2]],
      ['POST', '/db/_revs_diff', { a: 'x' }],
      ['GET', '/db/person:a?open_revs=length'],
      ['POST', '/db/_bulk_get', { docs: [{ id: '_local/worker-main' }] }],
      ['POST', '/db/_all_docs', { keys: ['_local/worker-main'] }],
      ['PUT', '/db/_local/Jx0a.b_cD9EfGhIjKlMnOp%3D%3D', { _id: '_local/worker-main' }],
      ['POST', '/db/_changes?filter=_selector', { selector: { a: { $regex: '(a+)+$' } } }],
      ['POST', '/db/_changes?filter=_selector', { selector: { type: 'person' } }],
      ['GET', '/db/_changes?since=abc'],
      ['GET', '/db/_changes?limit=1&limit=2'],
      ['GET', '/db/_all_docs?unknown=1'],
    ] as [string, string, unknown?][]) {
      const answer = forwarded(method, path, body);
      expect(answer, `${method} ${path} ${JSON.stringify(body)}`).toEqual(
        expect.stringMatching(/\p{L}{3}/u),
      );
    }
  });

  it('refuse a parameter named like an object’s own property instead of failing on it', () => {
    for (const name of ['__proto__', 'constructor', 'toString', 'hasOwnProperty'])
      expect(forwarded('POST', `/db/_revs_diff?${name}=1`, {})).toBe(
        `Paramètre « ${name} » inconnu ici`,
      );
  });

  it('leave system documents out of a _revs_diff, so a push never writes one', () => {
    const c = classifyDbRequest('POST', new URL('http://app.test/db/_revs_diff'));
    if (!c.ok) throw new Error('allowed');
    const checked = checkDbBody(c.route, c.query, { '_design/x': ['1-a'], 'person:a': ['1-a'] });
    expect(checked).toEqual({ ok: true, query: c.query, body: { 'person:a': ['1-a'] } });
  });
});
