import { describe, expect, it } from 'vitest';
import { extractSchedule } from '../schedule/extract-schedule';
import { DEFAULT_TIME_SETTINGS } from '../schedule/time-settings';
import { findPlaces } from './find-places';
import { buildPlaceLexicon } from './place-lexicon';
import { TEST_GAZETTEER } from './test-gazetteer';
import { tokenizeSms } from './tokenize';

const lexicon = buildPlaceLexicon(TEST_GAZETTEER);
const places = (text: string) => {
  const tokens = tokenizeSms(text);
  const { consumed } = extractSchedule(tokens, '2026-11-23', DEFAULT_TIME_SETTINGS);
  const reading = findPlaces(tokens, consumed, lexicon);
  return {
    from: reading.from?.insee ?? null,
    to: reading.to?.insee ?? null,
    evidence: reading.evidence,
  };
};

describe('finding places in an SMS', () => {
  it('takes the first of a bare pair as the origin', () => {
    expect(places('Cajarc Figeac')).toEqual({ from: '46045', to: '46102', evidence: 'order' });
    expect(places('figeac cajarc')).toEqual({ from: '46102', to: '46045', evidence: 'order' });
  });

  it('lets prepositions override the order', () => {
    expect(places('à Figeac depuis Cajarc')).toMatchObject({ from: '46045', to: '46102' });
    expect(places('pour Cahors de Pradines')).toMatchObject({ from: '46224', to: '46042' });
    expect(places('Figeac, j habite à Cajarc')).toMatchObject({ from: '46045', to: '46102' });
    expect(places('je dois aller au marché de Martel, je suis à Vayrac')).toMatchObject({
      from: '46330',
      to: '46185',
    });
  });

  it('prefers the longest name: Saint-Cirq-Lapopie, not a guess on "Saint Cirq"', () => {
    expect(places('Saint Cirq Lapopie Cahors')).toMatchObject({ from: '46256', to: '46042' });
    expect(places('Labastide du Vert Cahors')).toMatchObject({ from: '46136', to: '46042' });
  });

  it('reads a unique beginning of a name, but not an ambiguous one', () => {
    expect(places('Biars Figeac')).toMatchObject({ from: '46029', to: '46102' });
    expect(places('Lacapelle Figeac')).toMatchObject({ from: null, to: '46102' });
  });

  it('forgives one typo in a name but not in a short word', () => {
    expect(places('Figeak Cahros')).toMatchObject({ from: '46102', to: '46042' });
    expect(places('Gramat Souilac')).toMatchObject({ from: '46128', to: '46309' });
  });

  it('reads former names as the commune that absorbed them', () => {
    expect(places('Labastide-Murat Gramat')).toMatchObject({ from: '46138', to: '46128' });
    expect(places('Sousceyrac Figeac')).toMatchObject({ from: '46311', to: '46102' });
  });

  it('takes a name that is also a word only after a preposition', () => {
    expect(places('de Vers à Cahors vers 10h')).toMatchObject({ from: '46268', to: '46042' });
    expect(places('Cahors vers Figeac')).toMatchObject({ from: '46042', to: '46102' });
    expect(places("j'espère aller à Figeac")).toMatchObject({ from: null, to: '46102' });
    expect(places('je vais au bourg')).toMatchObject({ from: null, to: null });
    expect(places('de Fons à Figeac')).toMatchObject({ from: '46108', to: '46102' });
  });

  it('leaves the other end null when it is outside the gazetteer', () => {
    expect(places('Souillac Brive demain')).toMatchObject({ from: '46309', to: null });
    expect(places('Toulouse Cahors')).toMatchObject({ from: null, to: '46042' });
    expect(places('de Cahors à Toulouse')).toMatchObject({ from: '46042', to: null });
    expect(places('Toulouse -> Cahors')).toMatchObject({ from: null, to: '46042' });
  });

  it('guesses a lone bare place is the destination and says it is a guess', () => {
    expect(places('Figeac demain')).toEqual({ from: null, to: '46102', evidence: 'single' });
    expect(places('depuis Figeac')).toEqual({ from: '46102', to: null, evidence: 'marker' });
  });

  it('never takes ordinary words for places', () => {
    for (const text of [
      'coucou',
      'bonne journée',
      'je travaille',
      'pas cette fois',
      'la pharmacie',
      'cours de danse',
    ]) {
      expect(places(text)).toMatchObject({ from: null, to: null });
    }
  });
});
