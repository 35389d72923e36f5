import { describe, expect, it } from 'vitest';
import { mergeRequestDraft } from './merge-request-draft';
import { buildPlaceLexicon } from './place-lexicon';
import { parseSms } from './parse-sms';
import { TEST_GAZETTEER } from './test-gazetteer';
import type { RequestDraft } from './types';

const lexicon = buildPlaceLexicon(TEST_GAZETTEER);
const now = new Date('2026-11-23T10:15:00+01:00');
const draft = (text: string): RequestDraft => {
  const parsed = parseSms(text, { now, lexicon });
  if (parsed.intent !== 'request') throw new Error(`not a request: ${text}`);
  return parsed.request;
};

describe('merging a follow-up SMS into a request draft', () => {
  it('keeps the date it knew when the answer gives both places', () => {
    const merged = mergeRequestDraft(
      draft('je voudrais aller à Gramat mardi'),
      draft('cajarc figeac'),
    );
    expect(merged).toMatchObject({ from: '46045', to: '46102', date: '2026-11-24' });
  });

  it('fills the missing origin with a lone place', () => {
    const merged = mergeRequestDraft(draft('je voudrais aller à Gramat mardi 9h'), draft('Cajarc'));
    expect(merged).toMatchObject({
      from: '46045',
      to: '46128',
      date: '2026-11-24',
      earliest: '08:30',
      latest: '09:30',
    });
  });

  it('fills the missing destination when the origin is known', () => {
    const merged = mergeRequestDraft(draft('depuis Cajarc demain'), draft('Figeac'));
    expect(merged).toMatchObject({ from: '46045', to: '46102', date: '2026-11-24' });
  });

  it('takes a place said with a preposition where it says', () => {
    const merged = mergeRequestDraft(draft('Gramat Figeac'), draft('plutôt depuis Cajarc'));
    expect(merged).toMatchObject({ from: '46045', to: '46102' });
  });

  it('adds a date and a time given later, and replaces the window as a whole', () => {
    const first = mergeRequestDraft(draft('Cahors Figeac'), draft('demain matin'));
    expect(first).toMatchObject({
      from: '46042',
      to: '46102',
      date: '2026-11-24',
      earliest: '07:00',
      latest: '12:00',
    });
    const second = mergeRequestDraft(first, draft('plutôt vers 10h'));
    expect(second).toMatchObject({ date: '2026-11-24', earliest: '09:15', latest: '10:45' });
  });

  it('never ends with the same commune at both ends', () => {
    const merged = mergeRequestDraft(draft('aller à Figeac'), draft('Figeac'));
    expect(merged.from).not.toBe(merged.to);
  });
});
