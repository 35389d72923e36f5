// The sms:parse contract: one JSON line out for every line in, whatever the line, logs on stderr.
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const NOW = '2026-11-23T10:15:00+01:00';

function run(input: string, extra: string[] = []) {
  const child = spawnSync('npx', ['tsx', 'server/cli/sms-parse.ts', '--now', NOW, ...extra], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return {
    status: child.status,
    lines: child.stdout.split('\n').filter((l) => l !== ''),
    stderr: child.stderr,
  };
}

describe('npm run sms:parse', () => {
  it('prints exactly one JSON object per input line, even for empty and garbage lines', () => {
    const input =
      [
        'Gramat Figeac mardi 9h',
        '',
        '   ',
        '😀😀😀',
        '{"intent":"x"}',
        'x'.repeat(5000),
        'oui\r',
        'STOP',
        'PAUSE',
        'Reprise',
      ].join('\n') + '\n';
    const { status, lines } = run(input);
    expect(status).toBe(0);
    expect(lines).toHaveLength(10);
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const p of parsed)
      expect(Object.keys(p)).toEqual(['intent', 'from', 'to', 'date', 'earliest', 'latest']);
    expect(parsed[0]).toEqual({
      intent: 'request',
      from: '46128',
      to: '46102',
      date: '2026-11-24',
      earliest: '08:30',
      latest: '09:30',
    });
    expect(parsed.slice(1, 6).map((p) => p.intent)).toEqual([
      'unknown',
      'unknown',
      'unknown',
      'unknown',
      'unknown',
    ]);
    expect(parsed[6]!.intent).toBe('accept');
    expect(parsed[7]!.intent).toBe('stop');
    expect(parsed.slice(8).map((p) => p.intent)).toEqual(['pause', 'resume']);
  });

  it('still answers every line, with null places, when the gazetteer cannot be read', () => {
    const { status, lines, stderr } = run('Gramat Figeac demain\noui\n', [
      '--gazetteer',
      '/nonexistent/gazetteer.json',
    ]);
    expect(status).toBe(0);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      { intent: 'request', from: null, to: null, date: '2026-11-24', earliest: null, latest: null },
      { intent: 'accept', from: null, to: null, date: null, earliest: null, latest: null },
    ]);
    expect(stderr).toContain('cannot read the gazetteer');
  });

  it('refuses an unreadable --now with a French message and no output', () => {
    const child = spawnSync('npx', ['tsx', 'server/cli/sms-parse.ts', '--now', 'hier'], {
      cwd: root,
      input: 'oui\n',
      encoding: 'utf8',
    });
    expect(child.status).toBe(2);
    expect(child.stdout).toBe('');
    expect(child.stderr).toContain('Date invalide');
  });
});
