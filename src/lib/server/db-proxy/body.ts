// Request bodies with a size limit, read whole to be checked before anything reaches CouchDB.

export class BodyTooLargeError extends Error {
  readonly status = 413;
  constructor(readonly limit: number) {
    super(`Request body over ${limit} bytes`);
  }
}

export function declaredTooLarge(request: Request, limit: number): boolean {
  const declared = Number(request.headers.get('content-length'));
  return Number.isFinite(declared) && declared > limit;
}

export async function readBodyText(request: Request, limit: number): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      void drain(reader, limit);
      throw new BodyTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Consumes what is left of a request body the proxy will not use, so that the answer reaches the
 * browser and the connection can be reused; past `maxBytes` the connection is cut instead.
 */
export function discardBody(request: Request, maxBytes: number): void {
  if (!request.body || request.bodyUsed || request.body.locked) return;
  void drain(request.body.getReader(), maxBytes);
}

async function drain(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  maxBytes: number,
): Promise<void> {
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        return;
      }
    }
  } catch {
    // The browser hung up: nothing left to consume.
  }
}

/** Whether `err` or one of its causes is a body over the limit (ours or SvelteKit's BODY_SIZE_LIMIT). */
export function isTooLarge(err: unknown): boolean {
  for (
    let e: unknown = err, depth = 0;
    e && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if (e instanceof BodyTooLargeError || (e as { status?: unknown }).status === 413) return true;
  }
  return false;
}
