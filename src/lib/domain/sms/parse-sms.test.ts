import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_TIME_SETTINGS } from '../schedule/time-settings';
import { buildPlaceLexicon } from './place-lexicon';
import { parseSms, toParseLine } from './parse-sms';
import { TEST_GAZETTEER } from './test-gazetteer';

const lexicon = buildPlaceLexicon(TEST_GAZETTEER);
const MONDAY = new Date('2026-11-23T10:15:00+01:00');
const read = (text: string, now = MONDAY) => toParseLine(parseSms(text, { now, lexicon }));
const intent = (text: string) => parseSms(text, { now: MONDAY, lexicon }).intent;

describe('reading the intent of a short answer', () => {
  it('reads the many ways of saying yes as accept', () => {
    for (const text of [
      'oui',
      'OUI',
      'Oui je peux',
      'ok',
      'OK!',
      "d'accord",
      'dac',
      'ouais',
      'yes',
      'bien sûr',
      'oui bien sûr',
      'je peux',
      'pas de souci',
      'Bonjour, oui ça marche',
    ]) {
      expect(intent(text), text).toBe('accept');
    }
  });

  it('reads the many ways of saying no as decline', () => {
    for (const text of [
      'non',
      'NON',
      'Non pas cette fois',
      'non je travaille',
      'pas possible',
      'je ne peux pas',
      'jpeux pas',
      'désolé',
      'nan',
      'impossible demain',
    ]) {
      expect(intent(text), text).toBe('decline');
    }
  });

  it('reads cancel, stop and help words', () => {
    expect(intent('ANNULER')).toBe('cancel');
    expect(intent('annule')).toBe('cancel');
    expect(intent('je voudrais annuler ma demande')).toBe('cancel');
    expect(intent('STOP')).toBe('stop');
    expect(intent('Stop svp')).toBe('stop');
    expect(intent('arrêt')).toBe('stop');
    expect(intent('AIDE')).toBe('help');
    expect(intent('?')).toBe('help');
    expect(intent('help')).toBe('help');
  });

  it('reads a driver’s PAUSE and REPRISE, with or without a greeting before them', () => {
    for (const text of ['PAUSE', 'pause', 'Bonjour, pause svp', "Pause jusqu'au 3/12", 'pauser'])
      expect(intent(text), text).toBe('pause');
    for (const text of ['REPRISE', 'reprise', 'Reprendre', 'START', 'bonjour reprise merci'])
      expect(intent(text), text).toBe('resume');
  });

  it('reads pause and resume words only at the start, so a request that mentions them stays one', () => {
    expect(intent('Cahors Figeac lundi 8h pour la reprise du travail')).toBe('request');
    expect(intent('je reprends le travail, Cahors Figeac lundi 8h')).toBe('request');
    expect(intent('le bus est en pause ?')).toBe('unknown');
  });

  it('reads thanks, and says unknown for what it cannot read', () => {
    expect(intent('merci')).toBe('thanks');
    expect(intent('Merci beaucoup !')).toBe('thanks');
    expect(intent('bonne journée')).toBe('thanks');
    expect(intent('')).toBe('unknown');
    expect(intent('   ')).toBe('unknown');
    expect(intent('😀👍')).toBe('unknown');
    expect(intent('xkcd qwerty')).toBe('unknown');
  });

  it('reads a yes or no that mentions one place as the answer it is', () => {
    expect(intent('oui je serai à Figeac à 9h')).toBe('accept');
    expect(intent('non je suis à Cahors ce jour-là')).toBe('decline');
  });

  it('keeps what an answer says besides yes or no, for a dialogue that takes it as a correction', () => {
    const parsed = parseSms('non, depuis Cajarc', { now: MONDAY, lexicon });
    expect(parsed).toMatchObject({ intent: 'decline', request: { from: '46045', to: null } });
    expect(parseSms('oui', { now: MONDAY, lexicon })).toEqual({ intent: 'accept', request: null });
  });

  it('does not let a "non" or an "ok" hide a request that names places', () => {
    expect(read('non, de Gramat à Figeac jeudi')).toMatchObject({
      intent: 'request',
      from: '46128',
      to: '46102',
    });
    expect(read('ok pour Cahors Figeac demain 9h')).toMatchObject({
      intent: 'request',
      from: '46042',
      to: '46102',
    });
  });
});

describe('reading a request', () => {
  it('reads the example of the design document', () => {
    expect(read('Gramat Figeac mardi 9h')).toEqual({
      intent: 'request',
      from: '46128',
      to: '46102',
      date: '2026-11-24',
      earliest: '08:30',
      latest: '09:30',
    });
  });

  it('reads a request with only a date and time as a request without places', () => {
    expect(read('demain 9h')).toEqual({
      intent: 'request',
      from: null,
      to: null,
      date: '2026-11-24',
      earliest: '08:30',
      latest: '09:30',
    });
  });

  it('reads a date or time alone as a request but not a sentence that mentions a day', () => {
    expect(read('plutôt vers 10h svp')).toMatchObject({ intent: 'request', earliest: '09:15' });
    expect(read("c'est pour jeudi")).toMatchObject({ intent: 'request', date: '2026-11-26' });
    expect(read("je suis malade aujourd'hui").intent).toBe('unknown');
    expect(read('Brive Tulle demain 9h')).toMatchObject({
      intent: 'request',
      from: null,
      to: null,
      date: '2026-11-24',
    });
  });

  it('uses the Paris date: a message at 00:30 in Paris says "demain" about the day after', () => {
    // 23:30 UTC on Monday is 00:30 on Tuesday in Paris.
    expect(read('Cahors Figeac demain', new Date('2026-11-23T23:30:00Z')).date).toBe('2026-11-25');
  });

  it('follows the territory settings for the windows', () => {
    const parsed = parseSms('Cahors Figeac 9h', {
      now: MONDAY,
      lexicon,
      settings: { ...DEFAULT_TIME_SETTINGS, exactMarginMinutes: 20 },
    });
    expect(toParseLine(parsed)).toMatchObject({ earliest: '08:40', latest: '09:20' });
  });

  it('never throws and always answers with one of the ten intents, whatever the text', () => {
    const intents = [
      'request',
      'accept',
      'decline',
      'cancel',
      'stop',
      'pause',
      'resume',
      'help',
      'thanks',
      'unknown',
    ];
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(intents).toContain(read(text).intent);
      }),
      { numRuns: 500 },
    );
  });

  it('gives a window with earliest before latest whenever it gives one', () => {
    const words = [
      'Cahors',
      'Figeac',
      'de',
      'à',
      'vers',
      '9h',
      '14:30',
      'matin',
      'soir',
      'aprem',
      'demain',
      'lundi',
      'midi',
      'avant',
      'après',
      'entre',
      'et',
      '8h',
      '10h',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 8 }), (parts) => {
        const line = read(parts.join(' '));
        if (line.earliest !== null) expect(line.earliest < line.latest!).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
