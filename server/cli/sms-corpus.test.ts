// Scores the SMS reader on the project's corpora (tests/corpus/sms-*.jsonl, one family per file)
// and on the shared sample corpus when it is there, with the rules of ../shared/tools/score-sms.mjs:
// intent, from, to, date, and a window holding `at` (at most 3 hours wide) or inside `part`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { GazetteerData } from '../../src/lib/domain/gazetteer/types';
import { buildPlaceLexicon } from '../../src/lib/domain/sms/place-lexicon';
import { parseSms, toParseLine } from '../../src/lib/domain/sms/parse-sms';
import type { SmsParseLine } from '../../src/lib/domain/sms/types';

const root = fileURLToPath(new URL('../..', import.meta.url));
const gazetteerFile = `${root}data/gazetteer.json`;
if (!existsSync(gazetteerFile)) {
  throw new Error('data/gazetteer.json is missing: run `npm run gazetteer -- --departement 46`.');
}
const lexicon = buildPlaceLexicon(JSON.parse(readFileSync(gazetteerFile, 'utf8')) as GazetteerData);
/** The corpus reference time: Monday 23 November 2026, 10:15 in Paris. */
const now = new Date('2026-11-23T10:15:00+01:00');

type Want = string | null | readonly (string | null)[];
interface Case {
  readonly text: string;
  readonly expect: {
    readonly intent: Want;
    readonly from?: Want;
    readonly to?: Want;
    readonly date?: Want;
    readonly at?: string;
    readonly part?: 'morning' | 'afternoon' | 'evening';
  };
}

const PARTS = {
  morning: ['05:00', '13:00', '09:00'],
  afternoon: ['12:00', '19:30', '15:00'],
  evening: ['16:00', '23:59', '18:30'],
} as const;
const minutes = (hhmm: string | null): number | null => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
};
const same = (want: Want, got: string | null): boolean =>
  Array.isArray(want) ? want.includes(got) : want === got;

/** The fields a reading got wrong, as the shared score tool counts them. */
function misses(c: Case, got: SmsParseLine): string[] {
  const e = c.expect;
  const wrong: string[] = [];
  if (!same(e.intent, got.intent)) wrong.push('intent');
  for (const k of ['from', 'to', 'date'] as const) {
    const want = e[k];
    if (want !== undefined && !same(want, got[k])) wrong.push(k);
  }
  const lo = minutes(got.earliest);
  const hi = minutes(got.latest);
  if (e.at !== undefined) {
    const at = minutes(e.at)!;
    if (lo === null || hi === null || lo > at || hi < at || hi - lo > 180) wrong.push('time');
  }
  if (e.part !== undefined) {
    const [min, max, covers] = PARTS[e.part].map((t) => minutes(t)!) as [number, number, number];
    if (lo === null || hi === null || lo < min || hi > max || lo > covers || hi < covers)
      wrong.push('time');
  }
  return wrong;
}

const read = (file: string): Case[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Case);

const corpora: [string, string][] = readdirSync(`${root}tests/corpus`)
  .filter((f) => /^sms-.+\.jsonl$/.test(f))
  .map((f) => [f.slice(4, -6), `${root}tests/corpus/${f}`]);
const shared = `${root}../shared/corpus/sms-fr.jsonl`;
if (existsSync(shared)) corpora.push(['shared sample', shared]);

describe('the SMS reader on the corpora', () => {
  it('has a corpus of at least 25 messages for each family of issue 9', () => {
    const families = corpora.map(([name]) => name);
    for (const family of ['days', 'times', 'places', 'outside', 'vers', 'intents']) {
      expect(families).toContain(family);
      expect(read(`${root}tests/corpus/sms-${family}.jsonl`).length).toBeGreaterThanOrEqual(25);
    }
  });

  it.each(corpora)('reads at least 95 %% of the %s family right', (family, file) => {
    const cases = read(file);
    const failed = cases
      .map((c) => ({ c, wrong: misses(c, toParseLine(parseSms(c.text, { now, lexicon }))) }))
      .filter((r) => r.wrong.length > 0);
    const score = (cases.length - failed.length) / cases.length;
    console.log(
      `sms corpus ${family}: ${(100 * score).toFixed(1)} % (${cases.length - failed.length}/${cases.length})` +
        failed.map((f) => `\n  miss [${f.wrong.join(',')}] ${f.c.text}`).join(''),
    );
    expect(score).toBeGreaterThanOrEqual(0.95);
  });
});
