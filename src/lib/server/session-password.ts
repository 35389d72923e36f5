// Checks a password against the user's _users document with the same work whether the name
// exists or not: an unknown name is hashed too, with the parameters of the last real account
// seen, so the answer's timing does not tell which names exist. PBKDF2 runs in libuv's thread
// pool (crypto.pbkdf2), never on the event loop.
import { createHash, pbkdf2, timingSafeEqual } from 'node:crypto';
import type { UserDoc } from './session-store';

export interface HashParams {
  readonly iterations: number;
  readonly digest: 'sha1' | 'sha256';
  readonly keyLength: number;
}

/** The embedded server's parameters (server/couch/embedded.ts sets 20,000 iterations). */
let dummyParams: HashParams = { iterations: 20_000, digest: 'sha1', keyLength: 20 };
const DUMMY_SALT = 'f1d2d2f924e986ac86fdf7b36c94bcdf';

export type Pbkdf2 = (password: string, salt: string, params: HashParams) => Promise<Buffer>;

export const nodePbkdf2: Pbkdf2 = (password, salt, { iterations, digest, keyLength }) =>
  new Promise((resolve, reject) =>
    pbkdf2(password, salt, iterations, keyLength, digest, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );

/** How CouchDB hashed this account's password; null for a scheme this code does not know. */
export function hashParamsOf(doc: UserDoc): HashParams | null {
  if (doc.password_scheme !== 'pbkdf2') return null;
  const iterations = Number(doc.iterations);
  const key = doc.derived_key;
  if (!Number.isInteger(iterations) || iterations < 1 || typeof key !== 'string') return null;
  if (!/^[0-9a-f]+$/i.test(key) || key.length % 2 !== 0) return null;
  const digest = doc.pbkdf2_prf === 'sha256' ? 'sha256' : doc.pbkdf2_prf ? null : 'sha1';
  if (!digest) return null;
  return { iterations, digest, keyLength: key.length / 2 };
}

export type PasswordVerdict = 'match' | 'mismatch' | 'unsupported';

/**
 * 'unsupported' when the document's scheme is not PBKDF2 (the caller asks CouchDB instead).
 * A null document (no such user) is hashed against a dummy and is a 'mismatch'.
 */
export async function verifyPassword(
  doc: UserDoc | null,
  password: string,
  hash: Pbkdf2 = nodePbkdf2,
): Promise<PasswordVerdict> {
  if (!doc) {
    await hash(password, DUMMY_SALT, dummyParams);
    return 'mismatch';
  }
  if (doc.password_scheme === 'simple' && typeof doc.password_sha === 'string') {
    const sha = createHash('sha1')
      .update(password + (doc.salt ?? ''))
      .digest();
    return equalHex(sha, doc.password_sha) ? 'match' : 'mismatch';
  }
  const params = hashParamsOf(doc);
  if (!params || typeof doc.salt !== 'string') return 'unsupported';
  dummyParams = params;
  const key = await hash(password, doc.salt, params);
  return equalHex(key, doc.derived_key!) ? 'match' : 'mismatch';
}

function equalHex(key: Buffer, hex: string): boolean {
  const expected = Buffer.from(hex, 'hex');
  return (
    expected.length === key.length && timingSafeEqual(new Uint8Array(key), new Uint8Array(expected))
  );
}
