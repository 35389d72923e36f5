// Long-polled _changes (PouchDB's live replication). The proxy bounds how long one is held open
// itself, because not every CouchDB-compatible server honours `timeout` (express-pouchdb holds it
// until a change comes): it keeps the connection alive with blank lines, answers CouchDB's own
// empty result when the time is up, and lets go of CouchDB when the browser goes away.

export const HEARTBEAT_MS = 10_000;

export interface LongpollOptions {
  /** The upstream long poll from a sequence (the browser's first, then where a filter left off). */
  readonly url: (since: string | null) => string;
  readonly init: RequestInit;
  /** The `since` the browser asked from, echoed as last_seq when nothing changed in time. */
  readonly since: string | null;
  readonly maxMs: number;
  readonly clientSignal: AbortSignal;
  readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
  /** Turns a non-200 answer into the proxy's own error response. */
  readonly onUpstreamError: (upstream: Response) => Promise<Response>;
  /**
   * What the browser may see of an answer: the text to send, or the sequence to poll again from
   * when nothing in it was for this user (so that a quiet relay is not woken by others' changes).
   */
  readonly filter?: (text: string) => Promise<{ text: string } | { again: string }>;
}

export function emptyChanges(since: string | null): string {
  const seq = since === null || since === '' ? 0 : /^\d+$/.test(since) ? Number(since) : since;
  return JSON.stringify({ results: [], last_seq: seq, pending: 0 });
}

export async function proxyLongpoll(options: LongpollOptions): Promise<Response> {
  const upstreamAbort = new AbortController();
  const onClientAbort = () => upstreamAbort.abort();
  options.clientSignal.addEventListener('abort', onClientAbort, { once: true });
  let timedOut = false;
  // A little after CouchDB's own timeout, so that a server honouring it answers first.
  const deadline = setTimeout(() => {
    timedOut = true;
    upstreamAbort.abort();
  }, options.maxMs + 1000);
  const release = () => {
    clearTimeout(deadline);
    options.clientSignal.removeEventListener('abort', onClientAbort);
  };

  let upstream: Response;
  try {
    upstream = await options.fetch(options.url(options.since), {
      ...options.init,
      signal: upstreamAbort.signal,
    });
  } catch (err) {
    release();
    if (timedOut) return changesResponse(emptyChanges(options.since));
    throw err;
  }
  if (upstream.status !== 200) {
    release();
    return options.onUpstreamError(upstream);
  }

  const encoder = new TextEncoder();
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let settled = false;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      heartbeat = setInterval(() => controller.enqueue(encoder.encode('\n')), HEARTBEAT_MS);
      const finish = (text: string | null, error?: unknown) => {
        clearInterval(heartbeat);
        release();
        if (settled) return;
        settled = true;
        if (text === null) return controller.error(error);
        controller.enqueue(encoder.encode(text));
        controller.close();
      };
      let since = options.since;
      const answer = async (first: Response): Promise<string> => {
        for (let res = first; ;) {
          const text = await res.text();
          const kept = options.filter ? await options.filter(text) : { text };
          if ('text' in kept) return kept.text;
          since = kept.again;
          res = await options.fetch(options.url(since), {
            ...options.init,
            signal: upstreamAbort.signal,
          });
          if (res.status !== 200) {
            await res.body?.cancel();
            throw new Error(`CouchDB answered ${res.status} to a long poll`);
          }
        }
      };
      answer(upstream).then(
        (text) => finish(text),
        (err) => finish(timedOut ? emptyChanges(since) : null, err),
      );
    },
    cancel() {
      // The browser went away: stop waiting on CouchDB.
      settled = true;
      clearInterval(heartbeat);
      release();
      upstreamAbort.abort();
    },
  });
  return changesResponse(body);
}

function changesResponse(body: string | ReadableStream<Uint8Array>): Response {
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'must-revalidate' },
  });
}
