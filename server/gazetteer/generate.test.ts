// Runs the generator end to end on a small geometry file, and the CLI's --if-missing check.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { GazetteerData } from '../../src/lib/domain/gazetteer/types';
import { generateGazetteer } from './generate';
import { outputPaths, outputsAreCurrent } from './options';
import { loadGeometry } from './sources';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gazetteer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const square = (code: string, nom: string, lon: number, lat: number) => ({
  type: 'Feature',
  properties: { code, nom },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + 0.0512345, lat],
        [lon + 0.0512345, lat + 0.05],
        [lon, lat + 0.05],
        [lon, lat],
      ],
    ],
  },
});

describe('generateGazetteer', () => {
  it('uses a GAZETTEER_GEOMETRY file, merges an old INSEE code and keeps communes without geometry', async () => {
    const file = join(dir, 'small.geojson');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          square('46102', 'Figeac', 2.0, 44.6),
          square('46172', 'Lhospitalet', 1.4, 44.4),
          square('46217', 'Pern', 1.4, 44.35), // Pern now belongs to Pern-Lhospitalet (46172)
          square('46999', 'Nowhere', 1.0, 44.0),
        ],
      }),
    );
    const lines: string[] = [];
    const paths = outputPaths(join(dir, 'out'));
    const built = await generateGazetteer({
      departements: ['46'],
      projectRoot,
      paths,
      geometry: file,
      log: (line) => lines.push(line),
      now: new Date('2026-01-01T00:00:00Z'),
    });

    const data = JSON.parse(readFileSync(paths.data, 'utf8')) as GazetteerData;
    expect(readFileSync(paths.communes, 'utf8')).toBe(readFileSync(paths.data, 'utf8'));
    expect(data.generatedAt).toBe('2026-01-01T00:00:00.000Z');
    expect(data.communes).toHaveLength(312);
    expect(outputsAreCurrent(paths, ['46'])).toBe(true);

    const geojson = JSON.parse(readFileSync(paths.geojson, 'utf8')) as typeof built.geojson;
    expect(geojson.features.map((f) => f.properties)).toEqual([
      { insee: '46102', name: 'Figeac' },
      { insee: '46172', name: 'Pern-Lhospitalet' },
    ]);
    expect(geojson.features[1]?.geometry.type).toBe('MultiPolygon');
    expect(JSON.stringify(geojson)).toContain('2.05123,');

    const figeac = data.communes.find((c) => c.insee === '46102')!;
    expect(figeac.lon).toBeCloseTo(2.02562, 4);
    expect(figeac.lat).toBeCloseTo(44.625, 4);
    // Communes without geometry are kept, centred among those sharing their postcode.
    const capdenac = data.communes.find((c) => c.name === 'Capdenac')!;
    expect(capdenac.postcodes).toContain('46100');
    expect([capdenac.lon, capdenac.lat]).toEqual([figeac.lon, figeac.lat]);
    expect(built.stats.withoutGeometry).toBe(310);
    expect(lines.some((l) => l.includes('warning: no geometry for 46042 Cahors'))).toBe(true);
    expect(lines.some((l) => l.includes('46999 (Nowhere) matches no commune'))).toBe(true);
    expect(lines.some((l) => l.includes(`geometry from ${file}`))).toBe(true);
  });

  it('explains clearly when the geometry cannot be downloaded', async () => {
    await expect(
      loadGeometry(['46'], projectRoot, 'http://127.0.0.1:9/communes.geojson'),
    ).rejects.toThrow(/Cannot download .*Are you offline\? Set GAZETTEER_GEOMETRY/);
  });
});

describe('the gazetteer command', () => {
  it('does nothing with --if-missing when the outputs are there for the same départements', () => {
    const current = JSON.parse(
      readFileSync(join(projectRoot, 'data', 'gazetteer.json'), 'utf8'),
    ) as GazetteerData;
    const out = execFileSync(
      join(projectRoot, 'node_modules', '.bin', 'tsx'),
      ['server/cli/gazetteer.ts', '--if-missing'],
      {
        cwd: projectRoot,
        env: { ...process.env, DEPARTEMENTS: current.departements.join(',') },
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    expect(out).toBe('');
    const after = JSON.parse(
      readFileSync(join(projectRoot, 'data', 'gazetteer.json'), 'utf8'),
    ) as GazetteerData;
    expect(after.generatedAt).toBe(current.generatedAt);
  });

  it('fails with a clear message and a non-zero exit on a bad département', () => {
    let stderr = '';
    try {
      execFileSync(
        join(projectRoot, 'node_modules', '.bin', 'tsx'),
        ['server/cli/gazetteer.ts', '--departement', 'Lot'],
        {
          cwd: projectRoot,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
    } catch (error) {
      stderr = String((error as { stderr?: string }).stderr);
    }
    expect(stderr).toContain('"LOT" is not a département code');
  });
});
