// Gazetteer search: 10,000 realistic queries on the generated gazetteer, timed one by one.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildGazetteerIndex,
  normalizeName,
  searchCommunes,
} from '../src/lib/domain/gazetteer/search';
import type { GazetteerData } from '../src/lib/domain/gazetteer/types';
import { outputPaths } from '../server/gazetteer/options';

const QUERIES = 10_000;

export async function benchGazetteer(): Promise<Record<string, unknown>> {
  const projectRoot = fileURLToPath(new URL('..', import.meta.url));
  const paths = outputPaths(projectRoot);
  if (!existsSync(paths.data)) {
    const { generateGazetteer } = await import('../server/gazetteer/generate');
    await generateGazetteer({ departements: ['46'], projectRoot, paths, now: new Date() });
  }
  const data = JSON.parse(readFileSync(paths.data, 'utf8')) as GazetteerData;

  const builds: number[] = [];
  let index = buildGazetteerIndex(data);
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    index = buildGazetteerIndex(data);
    builds.push(performance.now() - started);
  }

  const queries = makeQueries(data, QUERIES);
  for (const { text } of queries.slice(0, 1000)) searchCommunes(index, text); // warm-up
  const all: number[] = [];
  const byKind = new Map<string, number[]>();
  let found = 0;
  for (const { kind, text } of queries) {
    const started = performance.now();
    const result = searchCommunes(index, text);
    const micros = (performance.now() - started) * 1000;
    all.push(micros);
    if (!byKind.has(kind)) byKind.set(kind, []);
    byKind.get(kind)!.push(micros);
    if (result.length > 0) found++;
  }

  return {
    departements: data.departements,
    communes: data.communes.length,
    indexedNames: index.names.length,
    indexBuildMs: round(median(builds), 2),
    queries: queries.length,
    withResults: found,
    medianMicros: round(median(all), 1),
    p99Micros: round(percentile(all, 0.99), 1),
    maxMicros: round(Math.max(...all), 1),
    byKind: Object.fromEntries(
      [...byKind].map(([kind, t]) => [
        kind,
        {
          n: t.length,
          medianMicros: round(median(t), 1),
          p99Micros: round(percentile(t, 0.99), 1),
        },
      ]),
    ),
  };
}

type Query = { kind: string; text: string };

/** A deterministic mix of what relays and SMS senders type. */
function makeQueries(data: GazetteerData, count: number): Query[] {
  let seed = 46;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const communes = data.communes;
  const withAliases = communes.filter((c) => c.aliases.length > 0);
  const saints = communes.filter((c) => /^Saint/.test(c.name));
  const queries: Query[] = [];
  while (queries.length < count) {
    const r = random();
    const c = pick(communes);
    if (r < 0.25) queries.push({ kind: 'exact', text: c.name });
    else if (r < 0.45) queries.push({ kind: 'lowercase-no-accents', text: normalizeName(c.name) });
    else if (r < 0.6) queries.push({ kind: 'typo', text: typo(normalizeName(c.name), random) });
    else if (r < 0.75) {
      const n = normalizeName(c.name);
      queries.push({ kind: 'prefix', text: n.slice(0, 3 + Math.floor(random() * 5)) });
    } else if (r < 0.85) queries.push({ kind: 'postcode', text: pick(c.postcodes) });
    else if (r < 0.95) queries.push({ kind: 'former-name', text: pick(pick(withAliases).aliases) });
    else queries.push({ kind: 'st-abbreviation', text: pick(saints).name.replace(/^Saint/, 'St') });
  }
  return queries;
}

function typo(word: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (word.length - 2));
  const edit = random();
  if (edit < 0.4) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap
  if (edit < 0.7) return word.slice(0, i) + word.slice(i + 1); // missing letter
  return word.slice(0, i) + 'e' + word.slice(i + 1); // wrong letter
}

function median(values: number[]): number {
  return percentile(values, 0.5);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function round(n: number, digits: number): number {
  return Math.round(n * 10 ** digits) / 10 ** digits;
}
