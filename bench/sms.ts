// SMS reader: parse time of messages up to 2,000 characters (the worker's cap), timed one by one
// on the generated gazetteer: the corpora's messages, adversarial ones of every length (runs of
// dashes, repeated name beginnings, typos, glued articles) that were super-linear once, and
// families of adversarial 2,000-character messages (random letters, names glued or with typos…).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { GazetteerData } from '../src/lib/domain/gazetteer/types';
import { MAX_SMS_LENGTH } from '../src/lib/domain/sms/limits';
import { buildPlaceLexicon } from '../src/lib/domain/sms/place-lexicon';
import { parseSms } from '../src/lib/domain/sms/parse-sms';
import { outputPaths } from '../server/gazetteer/options';
import { adversarialFamilies, fragmentMessages } from './sms-messages';

const LENGTHS = [50, 160, 500, 1000, 1500, 2000];
/** Messages of each family of 2,000 characters. */
const PER_FAMILY = 30;
/** The goal for any message: under 5 ms. */
const SLOW_MS = 5;

/** `now` fixes the SMS's arrival (and the date of a gazetteer generated for the bench). */
export async function benchSms(
  now = new Date('2026-11-23T10:15:00+01:00'),
): Promise<Record<string, unknown>> {
  const projectRoot = fileURLToPath(new URL('..', import.meta.url));
  const paths = outputPaths(projectRoot);
  if (!existsSync(paths.data)) {
    const { generateGazetteer } = await import('../server/gazetteer/generate');
    await generateGazetteer({ departements: ['46'], projectRoot, paths, now });
  }
  const data = JSON.parse(readFileSync(paths.data, 'utf8')) as GazetteerData;
  const started = performance.now();
  const lexicon = buildPlaceLexicon(data);
  const lexiconBuildMs = performance.now() - started;

  const families = adversarialFamilies(data, PER_FAMILY);
  const messages: Message[] = [
    ...corpusMessages(projectRoot),
    ...fragmentMessages(LENGTHS).map(({ length, text }) => ({
      kind: `adversarial-${length}`,
      text,
    })),
    ...Object.entries(families).flatMap(([family, texts]) =>
      texts.map((text) => ({ kind: `2000-${family}`, text })),
    ),
  ];
  for (const { text } of messages.slice(0, 300)) parseSms(text, { now, lexicon }); // warm-up
  const byKind = new Map<string, Timings>();
  const all: Timings = { first: [], best: [], cpu: [] };
  let slowest = { ms: 0, text: '' };
  for (const { kind, text } of messages) {
    // Each message three times: the first run, and the best of three (what is left when the
    // machine's other work is taken out), in wall time and in this process's CPU time.
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < 3; r++) {
      const cpuBefore = process.cpuUsage();
      const wallBefore = performance.now();
      parseSms(text, { now, lexicon });
      wall.push(performance.now() - wallBefore);
      const used = process.cpuUsage(cpuBefore);
      cpu.push((used.user + used.system) / 1000);
    }
    const timings = byKind.get(kind) ?? { first: [], best: [], cpu: [] };
    byKind.set(kind, timings);
    for (const t of [timings, all]) {
      t.first.push(wall[0]!);
      t.best.push(Math.min(...wall));
      t.cpu.push(Math.min(...cpu));
    }
    if (wall[0]! > slowest.ms) slowest = { ms: wall[0]!, text: text.slice(0, 60) };
  }
  const figures = (t: number[]) => ({
    n: t.length,
    medianMs: round(percentile(t, 0.5)),
    p99Ms: round(percentile(t, 0.99)),
    maxMs: round(Math.max(...t)),
    over5ms: round(t.filter((ms) => ms > SLOW_MS).length / t.length),
  });
  const summary = (t: Timings) => ({
    ...figures(t.first),
    bestOfThree: figures(t.best),
    cpuBestOfThree: figures(t.cpu),
  });
  return {
    // Wall-clock times: read them with the machine's load (other work shares its cores); CPU
    // times count this process only, but a busy machine slows it too (shared caches, cores).
    loadAverage1m: round(loadavg()[0]!),
    cores: cpus().length,
    communes: data.communes.length,
    outsideTowns: data.outside?.length ?? 0,
    lexiconBuildMs: round(lexiconBuildMs),
    maxChars: MAX_SMS_LENGTH,
    ...summary(all),
    cpuMsPerMessage: round(all.cpu.reduce((a, b) => a + b, 0) / all.cpu.length),
    slowest: slowest.text,
    byKind: Object.fromEntries([...byKind].map(([kind, t]) => [kind, summary(t)])),
  };
}

type Timings = { first: number[]; best: number[]; cpu: number[] };
type Message = { kind: string; text: string };

function corpusMessages(projectRoot: string): Message[] {
  const dir = `${projectRoot}tests/corpus`;
  const files = readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
  return files.flatMap((f) =>
    readFileSync(`${dir}/${f}`, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      // A line is one SMS ({text}) or a dialogue ({turns: [{sms}]}): each of its SMS is read.
      .flatMap((l) => {
        const line = JSON.parse(l) as { text?: string; turns?: { sms: string }[] };
        const texts = line.turns ? line.turns.map((t) => t.sms) : [line.text ?? ''];
        return texts.map((text) => ({ kind: 'corpus', text }));
      }),
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
