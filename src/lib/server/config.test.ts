import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_MAX_BODY_BYTES, readAppConfig } from './config';

const secret = 'x'.repeat(32);

function dataDirWith(credentials: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'maillage-config-'));
  writeFileSync(join(dir, 'credentials.json'), JSON.stringify(credentials));
  return dir;
}

describe('the server configuration', () => {
  it('takes the database account out of COUCHDB_URL', () => {
    const config = readAppConfig({
      COUCHDB_URL: 'http://app:s%40cret@couch.example:5984/',
      SESSION_SECRET: secret,
    });
    expect(config.couchUrl).toBe('http://couch.example:5984');
    expect(config.couchAuth).toEqual({ name: 'app', password: 's@cret' });
    expect(config.couchDb).toBe('maillage');
    expect(config.maxBodyBytes).toBe(DEFAULT_MAX_BODY_BYTES);
  });

  it('takes the account from COUCHDB_USER and COUCHDB_PASSWORD when the URL has none', () => {
    const config = readAppConfig({
      COUCHDB_URL: 'https://couch.example',
      COUCHDB_USER: 'app',
      COUCHDB_PASSWORD: 'pw',
      COUCHDB_DB: 'lot',
      SESSION_SECRET: secret,
    });
    expect(config.couchAuth).toEqual({ name: 'app', password: 'pw' });
    expect(config.couchDb).toBe('lot');
  });

  it('falls back on data/credentials.json when nothing is in the environment', () => {
    const dir = dataDirWith({
      couchdbUrl: 'http://127.0.0.1:5985',
      admin: { name: 'admin', password: 'pw' },
      sessionSecret: secret,
    });
    const config = readAppConfig({ DATA_DIR: dir });
    expect(config).toMatchObject({
      couchUrl: 'http://127.0.0.1:5985',
      couchAuth: { name: 'admin', password: 'pw' },
      sessionSecret: secret,
    });
    expect(readAppConfig({ DATA_DIR: dir, EMBEDDED_COUCH_PORT: '6001' }).couchUrl).toBe(
      'http://127.0.0.1:6001',
    );
  });

  it('says what is missing when neither the environment nor the file configure it', () => {
    const empty = mkdtempSync(join(tmpdir(), 'maillage-config-'));
    expect(() => readAppConfig({ DATA_DIR: empty })).toThrow(ConfigError);
    expect(() => readAppConfig({ DATA_DIR: empty, COUCHDB_URL: 'http://a:b@c' })).toThrow(
      /SESSION_SECRET/,
    );
    expect(() => readAppConfig({ COUCHDB_URL: 'http://c', SESSION_SECRET: secret })).toThrow(
      /account/,
    );
    expect(() => readAppConfig({ COUCHDB_URL: 'http://a:b@c', SESSION_SECRET: 'short' })).toThrow(
      /16/,
    );
  });
});
