import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputPaths, outputsAreCurrent, parseOptions } from './options';

describe('gazetteer options', () => {
  it('takes départements repeated or comma-separated, without duplicates', () => {
    expect(
      parseOptions(['--departement', '46', '--departement', '12,2a', '--departement=46'], {}),
    ).toEqual({
      departements: ['46', '12', '2A'],
      ifMissing: false,
    });
  });

  it('defaults to DEPARTEMENTS, then to the Lot', () => {
    expect(parseOptions(['--if-missing'], { DEPARTEMENTS: '19, 46' })).toEqual({
      departements: ['19', '46'],
      ifMissing: true,
    });
    expect(parseOptions([], {}).departements).toEqual(['46']);
  });

  it('refuses what is not a département code, and unknown arguments', () => {
    expect(() => parseOptions(['--departement', 'Lot'], {})).toThrow(/not a département code/);
    expect(() => parseOptions(['--departement'], {})).toThrow(/needs a value/);
    expect(() => parseOptions(['--dept', '46'], {})).toThrow(/Unknown argument/);
  });

  it('sees outputs as current only when all exist and were made for the same départements', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gazetteer-options-'));
    try {
      const paths = outputPaths(dir);
      expect(outputsAreCurrent(paths, ['46'])).toBe(false);
      for (const p of [paths.data, paths.communes, paths.geojson]) {
        mkdirSync(dirname(p), { recursive: true });
        writeFileSync(p, JSON.stringify({ schema: 1, departements: ['46', '12'] }));
      }
      // Made before the towns outside the territory were listed: regenerated.
      expect(outputsAreCurrent(paths, ['12', '46'])).toBe(false);
      const current = { schema: 1, departements: ['46', '12'], outside: ['Brive-la-Gaillarde'] };
      writeFileSync(paths.data, JSON.stringify(current));
      expect(outputsAreCurrent(paths, ['12', '46'])).toBe(true);
      expect(outputsAreCurrent(paths, ['46'])).toBe(false);
      rmSync(paths.geojson);
      expect(outputsAreCurrent(paths, ['12', '46'])).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
