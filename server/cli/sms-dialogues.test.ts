// Scores the SMS dialogue on tests/corpus/dialogues.jsonl: each dialogue's SMS go one after
// another through readInbound on one phone (the conversation's draft carried from one to the
// next, as the worker stores it); every turn must get the expected question (or request,
// hand-over…) and the last one the expected request. Real Lot gazetteer, Monday 23/11/2026.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readInbound } from '../../src/lib/domain/conversation';
import type { DialogueDraft } from '../../src/lib/domain/conversation/draft';
import type { InboundDecision } from '../../src/lib/domain/conversation/types';
import type { Person } from '../../src/lib/domain/documents';
import type { GazetteerData } from '../../src/lib/domain/gazetteer/types';
import { buildPlaceLexicon } from '../../src/lib/domain/sms/place-lexicon';

const root = fileURLToPath(new URL('../..', import.meta.url));
const gazetteerFile = `${root}data/gazetteer.json`;
if (!existsSync(gazetteerFile)) {
  throw new Error('data/gazetteer.json is missing: run `npm run gazetteer -- --departement 46`.');
}
const gazetteer = JSON.parse(readFileSync(gazetteerFile, 'utf8')) as GazetteerData;
const lexicon = buildPlaceLexicon(gazetteer);
const communes = new Map(gazetteer.communes.map((c) => [c.insee, c]));
/** Monday 23 November 2026, 10:15 in Paris; each SMS comes a few minutes after the previous. */
const START = Date.parse('2026-11-23T10:15:00+01:00');
const GAP_MS = 7 * 60_000;

/** What the sender sees after a turn: the question asked, or what became of the SMS. */
type Then =
  | 'places'
  | 'from'
  | 'to'
  | 'date-time'
  | 'date'
  | 'time'
  | 'request'
  | 'coordinator'
  | 'dropped'
  | 'thanks';

interface Dialogue {
  readonly name: string;
  /** A registered sender's home commune; absent: an unknown phone. */
  readonly home?: string;
  readonly turns: readonly { readonly sms: string; readonly then: Then }[];
  /** The request the dialogue ends with (`at`: a time the window holds, at most 3 hours wide). */
  readonly request: {
    readonly from: string;
    readonly to: string;
    readonly date: string;
    readonly at?: string;
    readonly window?: readonly [string, string];
  } | null;
}

function thenOf(d: InboundDecision): string {
  switch (d.kind) {
    case 'draft':
      return d.outcome === 'dropped' ? 'dropped' : d.outcome.slice('asked-'.length);
    case 'to-coordinators': {
      if (d.outcome !== 'unknown') return 'coordinator';
      return d.conversation?.draft?.draft?.asked?.question ?? 'coordinator';
    }
    case 'new-request':
      return 'request';
    case 'thanks':
      return 'thanks';
    default:
      return d.kind === 'reply' ? d.outcome : d.kind;
  }
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** Plays a dialogue; the list of what went wrong (empty when all is right). */
function play(dialogue: Dialogue): string[] {
  const sender: Person | null = dialogue.home
    ? {
        _id: 'person:corpus',
        type: 'person',
        schema: 1,
        createdAt: '2026-11-01T00:00:00.000Z',
        createdBy: 'sophie',
        updatedAt: '2026-11-01T00:00:00.000Z',
        updatedBy: 'sophie',
        readers: [],
        firstName: 'Marie',
        phone: '+33639980201',
        phoneKind: 'mobile',
        homeInsee: dialogue.home,
        roles: ['passenger'],
        consent: { by: 'sophie', method: 'oral', at: '2026-11-01T00:00:00.000Z' },
        blocked: false,
      }
    : null;
  let draft: DialogueDraft | null = null;
  let draftAt: string | null = null;
  let made: InboundDecision | null = null;
  const wrong: string[] = [];
  dialogue.turns.forEach((turn, i) => {
    const at = new Date(START + i * GAP_MS);
    const d = readInbound({
      messageId: `message:in-corpus-${i}`,
      text: turn.sms,
      receivedAt: at.toISOString(),
      phone: '+33639980201',
      sender,
      newPersonId: 'person:sms-corpus',
      conversation: { draft, draftAt, proposal: null },
      lexicon,
      communes,
      settings: { dialogueTtlMinutes: 24 * 60, dayWindow: { earliest: '07:00', latest: '19:00' } },
      now: at,
    });
    const then = thenOf(d);
    if (then !== turn.then) wrong.push(`turn ${i + 1} « ${turn.sms} »: ${then}, not ${turn.then}`);
    const change = 'conversation' in d ? d.conversation?.draft : undefined;
    if (change) ({ draft, draftAt } = change);
    if (d.kind === 'new-request') made = d;
  });
  const want = dialogue.request;
  const got =
    made === null ? null : (made as Extract<InboundDecision, { kind: 'new-request' }>).request;
  if (want === null) {
    if (got !== null) wrong.push('a request was made');
    return wrong;
  }
  if (got === null) return [...wrong, 'no request'];
  if (got.fromInsee !== want.from) wrong.push(`from ${got.fromInsee}`);
  if (got.toInsee !== want.to) wrong.push(`to ${got.toInsee}`);
  if (got.date !== want.date) wrong.push(`date ${got.date}`);
  const [lo, hi] = [minutes(got.earliest), minutes(got.latest)];
  if (want.at !== undefined && (lo > minutes(want.at) || hi < minutes(want.at) || hi - lo > 180))
    wrong.push(`window ${got.earliest}-${got.latest}`);
  if (want.window && (got.earliest !== want.window[0] || got.latest !== want.window[1]))
    wrong.push(`window ${got.earliest}-${got.latest}`);
  return wrong;
}

const dialogues = readFileSync(`${root}tests/corpus/dialogues.jsonl`, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Dialogue);

describe('the SMS dialogue on its corpus', () => {
  it('has at least 40 dialogues of several turns', () => {
    expect(dialogues.length).toBeGreaterThanOrEqual(40);
    expect(dialogues.every((d) => d.turns.length >= 1)).toBe(true);
    expect(dialogues.filter((d) => d.turns.length >= 2).length).toBeGreaterThanOrEqual(40);
  });

  it('asks the expected questions and ends with the expected request in 95 % of dialogues', () => {
    const failed = dialogues.map((d) => ({ d, wrong: play(d) })).filter((r) => r.wrong.length > 0);
    const score = (dialogues.length - failed.length) / dialogues.length;
    console.log(
      `sms dialogues: ${(100 * score).toFixed(1)} % (${dialogues.length - failed.length}/${dialogues.length})` +
        failed.map((f) => `\n  miss ${f.d.name}: ${f.wrong.join('; ')}`).join(''),
    );
    expect(score).toBeGreaterThanOrEqual(0.95);
  });
});
