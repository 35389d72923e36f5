import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { announceNewCredentials, loadConfig } from './config';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the first run', () => {
  it('says where the admin password is kept, never the password itself', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'maillage-config-'));
    dirs.push(dataDir);
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    const loaded = loadConfig({ DATA_DIR: dataDir });
    announceNewCredentials(loaded);
    const { admin } = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8'));
    expect(lines.join('\n')).toContain(join(dataDir, 'credentials.json'));
    expect(lines.join('\n')).not.toContain(admin.password);
    // And only on the run that created it.
    lines.length = 0;
    announceNewCredentials(loadConfig({ DATA_DIR: dataDir }));
    expect(lines).toEqual([]);
  });
});

describe('the retention setting', () => {
  const withDir = (env: Record<string, string>) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'maillage-config-'));
    dirs.push(dataDir);
    vi.spyOn(console, 'log').mockImplementation(() => {});
    return loadConfig({ DATA_DIR: dataDir, ...env }).config;
  };

  it('keeps SMS 12 months unless RETENTION_MONTHS says otherwise, 0 keeping them all', () => {
    expect(withDir({}).retentionMonths).toBe(12);
    expect(withDir({ RETENTION_MONTHS: '6' }).retentionMonths).toBe(6);
    expect(withDir({ RETENTION_MONTHS: '0' }).retentionMonths).toBe(0);
  });

  it('refuses a value that is not a whole number of months', () => {
    for (const value of ['-1', '1.5', 'douze'])
      expect(() => withDir({ RETENTION_MONTHS: value })).toThrow(/RETENTION_MONTHS/);
  });
});
