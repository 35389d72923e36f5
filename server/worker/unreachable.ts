// The database not answering is no fault of the document being handled: the worker waits and
// tries again (from its checkpoint) instead of parking the document or losing what it knows.
import { statusOf } from '../../src/lib/server/shared/store';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * No answer at all (refused, reset, DNS: nano says "error happened in your connection"), or a
 * 502/503/504 from whatever stands in front of CouchDB.
 */
export function isUnreachable(err: unknown): boolean {
  const status = statusOf(err);
  if (status !== undefined) return status === 502 || status === 503 || status === 504;
  return err instanceof Error && err.message.startsWith('error happened in your connection');
}

/** The wait before the n-th retry (from 0) while the database does not answer, ms. */
export const unreachableDelayMs = (n: number): number => Math.min(250 * 2 ** n, 5000);

/**
 * Runs `write` until the database answers, for at most `maxWaitMs`; for what the worker cannot
 * do again later, such as recording what a gateway answered. Other errors go through at once.
 */
export async function whenReachable<T>(
  write: () => Promise<T>,
  options: {
    readonly maxWaitMs: number;
    readonly log: (line: string) => void;
    readonly what: string;
  },
): Promise<T> {
  let waited = 0;
  for (let n = 0; ; n++) {
    try {
      return await write();
    } catch (err) {
      if (!isUnreachable(err) || waited >= options.maxWaitMs) throw err;
      const delay = unreachableDelayMs(n);
      if (n === 0) options.log(`${options.what}: database unreachable, trying again`);
      await sleep(delay);
      waited += delay;
    }
  }
}
