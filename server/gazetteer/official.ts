// The official list of communes, from @etalab/decoupage-administratif (COG of INSEE).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface OfficialEntry {
  readonly code: string;
  readonly nom: string;
  readonly type:
    'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  readonly departement?: string;
  readonly chefLieu?: string;
  readonly codesPostaux?: readonly string[];
  readonly population?: number;
}

export const OFFICIAL_SOURCE = '@etalab/decoupage-administratif';

export function loadOfficialCommunes(): OfficialEntry[] {
  const require = createRequire(import.meta.url);
  const path = require.resolve(`${OFFICIAL_SOURCE}/data/communes.json`);
  return JSON.parse(readFileSync(path, 'utf8')) as OfficialEntry[];
}

export function officialVersion(): string {
  const require = createRequire(import.meta.url);
  const pkg = JSON.parse(
    readFileSync(require.resolve(`${OFFICIAL_SOURCE}/package.json`), 'utf8'),
  ) as {
    version: string;
  };
  return pkg.version;
}
