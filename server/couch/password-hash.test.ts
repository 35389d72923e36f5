// The embedded server checks passwords with Node's own PBKDF2 (patches/pouchdb-auth+4.2.0.patch)
// instead of the JavaScript one pouchdb-auth shipped with: the same keys, so logins stored before
// still work, computed off the event loop.
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { hashPassword } = require('pouchdb-auth/lib/utils') as {
  hashPassword(password: string, salt: string, iterations: number): Promise<string>;
};
const javascriptPbkdf2 = require('crypto-lite').crypto.pbkdf2 as (
  password: string,
  salt: string,
  iterations: number,
  length: number,
) => Buffer;

describe('the embedded server’s password hashes', () => {
  it('are the keys the JavaScript PBKDF2 gave, for any password and salt', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'grapheme', maxLength: 30 }),
        fc.string({ unit: 'grapheme', maxLength: 32 }),
        fc.integer({ min: 1, max: 40 }),
        async (password, salt, iterations) => {
          const expected = javascriptPbkdf2(password, salt, iterations, 20).toString('hex');
          expect(await hashPassword(password, salt, iterations)).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('gives a stored login’s key with its 20,000 iterations', async () => {
    const salt = '2b6a8d0a3f4e9c1d7e5f6a7b8c9d0e1f';
    const expected = javascriptPbkdf2('mot de passe de Sophie', salt, 20000, 20).toString('hex');
    expect(await hashPassword('mot de passe de Sophie', salt, 20000)).toBe(expected);
  });

  it('lets the event loop turn while a 20,000-iteration key is derived', async () => {
    let turned = false;
    setImmediate(() => (turned = true));
    await hashPassword('mot de passe', '2b6a8d0a3f4e9c1d7e5f6a7b8c9d0e1f', 20000);
    expect(turned).toBe(true);
  });
});
