// Builds the gazetteer for some départements and writes its three files atomically.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { buildGazetteer, type BuiltGazetteer } from './build';
import { loadOfficialCommunes, officialVersion, OFFICIAL_SOURCE } from './official';
import type { OutputPaths } from './options';
import { loadGeometry } from './sources';

export interface GenerateOptions {
  readonly departements: readonly string[];
  readonly projectRoot: string;
  readonly paths: OutputPaths;
  /** GAZETTEER_GEOMETRY: a GeoJSON file or an http(s) URL. */
  readonly geometry?: string;
  /** OUTSIDE_DEPARTEMENTS: towns read as outside the territory; default its known neighbours. */
  readonly outsideDepartements?: readonly string[];
  readonly log?: (line: string) => void;
  readonly now: Date;
}

export async function generateGazetteer(options: GenerateOptions): Promise<BuiltGazetteer> {
  const log = options.log ?? ((line: string) => console.error(line));
  const started = performance.now();
  const official = loadOfficialCommunes();
  log(
    `gazetteer: official list ${OFFICIAL_SOURCE} ${officialVersion()} (${official.length} entries)`,
  );
  const geometry = await loadGeometry(options.departements, options.projectRoot, options.geometry);
  log(
    `gazetteer: geometry from ${geometry.used.join(', ')} (${geometry.features.length} features)`,
  );

  const built = buildGazetteer({
    official,
    features: geometry.features,
    departements: options.departements,
    generatedAt: options.now.toISOString(),
    outsideDepartements: options.outsideDepartements,
  });
  for (const warning of built.warnings) log(`gazetteer: warning: ${warning}`);

  writeAtomically(options.paths.data, JSON.stringify(built.data));
  writeAtomically(options.paths.communes, JSON.stringify(built.data));
  writeAtomically(options.paths.geojson, JSON.stringify(built.geojson));
  const s = built.stats;
  log(
    `gazetteer: département(s) ${options.departements.join(', ')}: ${s.communes} communes, ` +
      `${s.aliases} former names as aliases (${s.geometryNames} only in the geometry), ` +
      `${s.polygons} polygons of which ${s.mergedPolygons} merged from former communes, ` +
      `${s.withoutGeometry} without geometry; common-word names: ${s.commonWords.join(', ') || 'none'}; ` +
      `${built.data.outside?.length ?? 0} towns outside the territory`,
  );
  log(
    `gazetteer: wrote ${options.paths.data}, ${options.paths.communes}, ${options.paths.geojson} ` +
      `in ${Math.round(performance.now() - started)} ms`,
  );
  return built;
}

function writeAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, content + '\n');
  renameSync(temp, path);
}
