// npm run meeting-places -- <lieux.csv> [--gazetteer data/gazetteer.json]
// Imports carpooling places in the national schema (v0.3.0 CSV) as meeting points: keeps the open
// places of the territory's communes and writes them for the app (static/gazetteer/, precached
// like the communes) and for the server (data/). Bad lines are listed on stderr and skipped.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GazetteerData } from '../../src/lib/domain/gazetteer/types';
import { parseMeetingPlaces, type MeetingPlace } from '../../src/lib/domain/meeting-places';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const MEETING_PLACES_OUTPUTS = [
  resolve(root, 'static/gazetteer/meeting-places.json'),
  resolve(root, 'data/meeting-places.json'),
];

/** The places of `csv` that are open and in one of `communes`, with what was skipped and why. */
export function importMeetingPlaces(
  csv: string,
  communes: readonly { insee: string }[],
): { places: MeetingPlace[]; messages: string[] } {
  const parsed = parseMeetingPlaces(csv);
  const known = new Set(communes.map((c) => c.insee));
  const places = parsed.places.filter((p) => known.has(p.insee));
  const outside = parsed.places.length - places.length;
  return {
    places,
    messages: [
      ...parsed.errors.map((e) => `ligne ${e.line} : ${e.message}`),
      ...(outside > 0 ? [`${outside} lieu(x) hors du territoire ignoré(s)`] : []),
    ],
  };
}

function writeAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}

function main(): void {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
  const g = args.indexOf('--gazetteer');
  const gazetteerPath = resolve(
    g >= 0 ? (args[g + 1] ?? '') : resolve(root, 'data/gazetteer.json'),
  );
  if (!file) {
    process.stderr.write('Usage : npm run meeting-places -- <lieux.csv>\n');
    process.exit(2);
  }
  if (!existsSync(gazetteerPath)) {
    process.stderr.write(`Communes introuvables (${gazetteerPath}) : lancez npm run gazetteer.\n`);
    process.exit(2);
  }
  const gazetteer = JSON.parse(readFileSync(gazetteerPath, 'utf8')) as GazetteerData;
  const { places, messages } = importMeetingPlaces(readFileSync(file, 'utf8'), gazetteer.communes);
  for (const message of messages) process.stderr.write(`[lieux] ${message}\n`);
  const json = JSON.stringify({ schema: 1, places });
  for (const path of MEETING_PLACES_OUTPUTS) writeAtomically(path, json);
  process.stderr.write(`[lieux] ${places.length} lieu(x) de rendez-vous écrits\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
