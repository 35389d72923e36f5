// npm run --silent sms:parse -- --now 2026-11-23T10:15:00+01:00 [--gazetteer path]
// Reads one SMS per line on stdin, prints one JSON object per line on stdout
// ({"intent","from","to","date","earliest","latest"}); logs go to stderr. Never stops on a bad line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { systemClock } from '../../src/lib/clock';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { GazetteerData } from '../../src/lib/domain/gazetteer/types';
import { buildPlaceLexicon, type PlaceLexicon } from '../../src/lib/domain/sms/place-lexicon';
import { MAX_SMS_LENGTH } from '../../src/lib/domain/sms/limits';
import { parseSms, toParseLine } from '../../src/lib/domain/sms/parse-sms';
import type { SmsParseLine } from '../../src/lib/domain/sms/types';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const log = (message: string): void => void process.stderr.write(`[sms-parse] ${message}\n`);

function argument(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

function parseNow(): Date {
  const raw = argument('--now');
  if (raw === undefined) return systemClock.now();
  const now = new Date(raw);
  if (Number.isNaN(now.getTime())) {
    process.stderr.write(
      `Date invalide pour --now : « ${raw} ». Exemple : --now 2026-11-23T10:15:00+01:00\n`,
    );
    process.exit(2);
  }
  return now;
}

function loadGazetteer(): GazetteerData | null {
  const explicit = argument('--gazetteer');
  const path = explicit !== undefined ? resolve(explicit) : resolve(root, 'data/gazetteer.json');
  if (!existsSync(path) && explicit === undefined) {
    log(
      'data/gazetteer.json is missing: generating it (npx tsx server/cli/gazetteer.ts --if-missing)',
    );
    // The child's stdout goes to our stderr: stdout carries only the JSON lines.
    const child = spawnSync('npx', ['tsx', 'server/cli/gazetteer.ts', '--if-missing'], {
      cwd: root,
      stdio: ['ignore', process.stderr, process.stderr],
    });
    if (child.status !== 0)
      log(`gazetteer generation failed (exit ${child.status ?? child.signal})`);
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as GazetteerData;
  } catch (error) {
    log(`cannot read the gazetteer at ${path}: ${(error as Error).message}; places will be null`);
    return null;
  }
}

const EMPTY: GazetteerData = { schema: 1, generatedAt: '', departements: [], communes: [] };
const UNKNOWN: SmsParseLine = {
  intent: 'unknown',
  from: null,
  to: null,
  date: null,
  earliest: null,
  latest: null,
};

async function main(): Promise<void> {
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const now = parseNow();
  const data = loadGazetteer() ?? EMPTY;
  const lexicon: PlaceLexicon = buildPlaceLexicon(data);
  log(`${data.communes.length} communes, now = ${now.toISOString()}`);
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let count = 0;
  for await (const line of lines) {
    let out: SmsParseLine = UNKNOWN;
    try {
      // The worker records at most this much of an SMS; the CLI reads what the worker would.
      out = toParseLine(parseSms(line.slice(0, MAX_SMS_LENGTH), { now, lexicon }));
    } catch (error) {
      log(`line ${count + 1}: ${(error as Error).stack ?? String(error)}`);
    }
    process.stdout.write(JSON.stringify(out) + '\n');
    count++;
  }
  log(`${count} messages read`);
}

main().catch((error: unknown) => {
  log(`fatal: ${(error as Error).stack ?? String(error)}`);
  process.exitCode = 1;
});
