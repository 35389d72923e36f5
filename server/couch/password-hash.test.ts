// The embedded server checks passwords with Node's own PBKDF2 (patches/pouchdb-auth+4.2.0.patch)
// instead of the JavaScript one pouchdb-auth shipped with, computed off the event loop: the same
// keys for every password that one hashed right, so those logins still work, and the standard
// key (Apache CouchDB's) for a password over 64 bytes in 64 characters or fewer, which it cut.
import { createHash, pbkdf2Sync } from 'node:crypto';
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
  it('are the keys the JavaScript PBKDF2 gave, for any password it hashed right', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Up to 64 bytes: the JavaScript one took a longer key by its UTF-16 length, so a
        // password of 65 to 64×3 bytes in fewer characters (accents, emoji) was cut to 64 bytes.
        fc
          .string({ unit: 'grapheme', maxLength: 30 })
          .filter((password) => Buffer.byteLength(password) <= 64),
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

  it('are PBKDF2-HMAC-SHA1 as Apache CouchDB computes it, long accented passphrases included', async () => {
    // RFC 6070's vectors (the first 20 bytes).
    expect(await hashPassword('password', 'salt', 1)).toBe(
      '0c60c80f961f0e71f3a9b524af6012062fe037a6',
    );
    expect(await hashPassword('password', 'salt', 4096)).toBe(
      '4b007901b765489abead49d926f721d065a429c1',
    );
    // 60 characters, 65 bytes: a key over 64 bytes is hashed first, as the standard says.
    const passphrase = 'Le café de Cénevières ouvre à sept heures, même le dimanche.';
    expect(Buffer.byteLength(passphrase)).toBeGreaterThan(64);
    const key = createHash('sha1').update(passphrase).digest();
    const standard = pbkdf2Sync(new Uint8Array(key), 'salt', 1, 20, 'sha1').toString('hex');
    expect(await hashPassword(passphrase, 'salt', 1)).toBe(standard);
    expect(javascriptPbkdf2(passphrase, 'salt', 1, 20).toString('hex')).not.toBe(standard);
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
