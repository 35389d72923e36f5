import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { announceNewCredentials, loadConfig, workerSettingsFromEnv } from './config';

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

describe('the worker settings from the environment', () => {
  it('default to quiet hours 21:00–8:00, urgent within 12 hours, reminders at 18:00', () => {
    expect(workerSettingsFromEnv({})).toEqual({
      quietHours: { start: '21:00', end: '08:00', urgentWithinHours: 12 },
      reminders: { time: '18:00' },
    });
  });

  it('take the operator’s times, turn reminders off, and refuse a malformed value', () => {
    const env = {
      QUIET_HOURS_START: '22:30',
      QUIET_HOURS_END: '07:00',
      QUIET_URGENT_HOURS: '6',
      REMINDER_TIME: 'off',
    };
    expect(workerSettingsFromEnv(env)).toEqual({
      quietHours: { start: '22:30', end: '07:00', urgentWithinHours: 6 },
      reminders: { time: null },
    });
    expect(() => workerSettingsFromEnv({ QUIET_HOURS_START: '9h' })).toThrow(/QUIET_HOURS_START/);
    expect(() => workerSettingsFromEnv({ REMINDER_TIME: '25:00' })).toThrow(/REMINDER_TIME/);
    expect(() => workerSettingsFromEnv({ QUIET_URGENT_HOURS: 'x' })).toThrow(/URGENT/);
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
