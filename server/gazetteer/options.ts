// Command-line options and the --if-missing check. Only node:fs and node:path here, so that
// `gazetteer --if-missing` (run before every build and test) answers in well under 0.3 s.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GazetteerOptions {
  readonly departements: string[];
  readonly ifMissing: boolean;
}

const DEPT = /^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/;

export function parseOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): GazetteerOptions {
  const codes: string[] = [];
  let ifMissing = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--if-missing') ifMissing = true;
    else if (arg === '--departement' || arg === '--departements') {
      const value = argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value, e.g. ${arg} 46`);
      codes.push(...splitCodes(value));
    } else if (arg.startsWith('--departement=') || arg.startsWith('--departements=')) {
      codes.push(...splitCodes(arg.slice(arg.indexOf('=') + 1)));
    } else {
      throw new Error(
        `Unknown argument "${arg}". Usage: gazetteer [--departement 46[,12]]... [--if-missing]`,
      );
    }
  }
  if (codes.length === 0) codes.push(...splitCodes(env.DEPARTEMENTS?.trim() || '46'));
  for (const code of codes) {
    if (!DEPT.test(code))
      throw new Error(`"${code}" is not a département code (expected e.g. 46, 2A, 971).`);
  }
  return { departements: [...new Set(codes)], ifMissing };
}

function splitCodes(value: string): string[] {
  return value
    .split(',')
    .map((c) => c.trim().toUpperCase())
    .filter((c) => c !== '');
}

export interface OutputPaths {
  readonly data: string;
  readonly communes: string;
  readonly geojson: string;
}

export function outputPaths(projectRoot: string): OutputPaths {
  return {
    data: join(projectRoot, 'data', 'gazetteer.json'),
    communes: join(projectRoot, 'static', 'gazetteer', 'communes.json'),
    geojson: join(projectRoot, 'static', 'gazetteer', 'communes.geojson'),
  };
}

/** True when all outputs exist and data/gazetteer.json was made for exactly these départements. */
export function outputsAreCurrent(paths: OutputPaths, departements: readonly string[]): boolean {
  if (![paths.data, paths.communes, paths.geojson].every((p) => existsSync(p))) return false;
  try {
    const data = JSON.parse(readFileSync(paths.data, 'utf8')) as {
      schema?: number;
      departements?: string[];
      outside?: unknown;
    };
    // A file made before the towns outside were listed is regenerated.
    if (data.schema !== 1 || !Array.isArray(data.departements) || !Array.isArray(data.outside))
      return false;
    return [...data.departements].sort().join(',') === [...departements].sort().join(',');
  } catch {
    return false;
  }
}
