import { pbkdf2Sync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nodePbkdf2, verifyPassword, type HashParams, type Pbkdf2 } from './session-password';
import type { UserDoc } from './session-store';

function userDoc(password: string, iterations: number, prf?: 'sha256'): UserDoc {
  const salt = randomBytes(16).toString('hex');
  const length = prf === 'sha256' ? 32 : 20;
  const key = pbkdf2Sync(password, salt, iterations, length, prf ?? 'sha1').toString('hex');
  return {
    _id: 'org.couchdb.user:sophie',
    _rev: '1-a',
    name: 'sophie',
    roles: ['relay'],
    password_scheme: 'pbkdf2',
    iterations,
    salt,
    derived_key: key,
    ...(prf ? { pbkdf2_prf: prf } : {}),
  };
}

/** The real PBKDF2, with a record of the work asked of it. */
function recording(): { hash: Pbkdf2; calls: HashParams[] } {
  const calls: HashParams[] = [];
  return {
    calls,
    hash: (password, salt, params) => {
      calls.push(params);
      return nodePbkdf2(password, salt, params);
    },
  };
}

describe('checking a password against the _users document', () => {
  it('accepts the password CouchDB hashed (SHA-1 and SHA-256 PBKDF2) and nothing else', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.string({ minLength: 1, maxLength: 20 }),
        fc.boolean(),
        async (password, other, sha256) => {
          fc.pre(password !== other);
          const doc = userDoc(password, 50, sha256 ? 'sha256' : undefined);
          expect(await verifyPassword(doc, password)).toBe('match');
          expect(await verifyPassword(doc, other)).toBe('mismatch');
        },
      ),
      { numRuns: 30 },
    );
  });

  it('does the same hashing work for a name that does not exist as for one that does', async () => {
    const known = recording();
    await verifyPassword(userDoc('secret', 1234), 'guess', known.hash);
    const unknown = recording();
    expect(await verifyPassword(null, 'guess', unknown.hash)).toBe('mismatch');
    expect(unknown.calls).toEqual(known.calls);
    expect(unknown.calls).toEqual([{ iterations: 1234, digest: 'sha1', keyLength: 20 }]);
  });

  it('leaves a scheme it does not know to CouchDB', async () => {
    const doc = { ...userDoc('secret', 10), password_scheme: 'bcrypt' };
    expect(await verifyPassword(doc, 'secret')).toBe('unsupported');
  });
});
