// Messages written for these tests, not taken from the scoring corpus: they vary the wording,
// the spelling and the order, to show the reader follows rules rather than remembering examples.
// "Now" is Monday 23 November 2026, 10:15 in Paris.
import { describe, expect, it } from 'vitest';
import { buildPlaceLexicon } from './place-lexicon';
import { parseSms, toParseLine } from './parse-sms';
import { TEST_GAZETTEER } from './test-gazetteer';
import type { SmsParseLine } from './types';

const lexicon = buildPlaceLexicon(TEST_GAZETTEER);
const now = new Date('2026-11-23T10:15:00+01:00');
const read = (text: string): SmsParseLine => toParseLine(parseSms(text, { now, lexicon }));

const CAHORS = '46042',
  FIGEAC = '46102',
  GRAMAT = '46128',
  GOURDON = '46127',
  SOUILLAC = '46309';
const CAJARC = '46045',
  PRADINES = '46224',
  SAINT_CERE = '46251',
  MARTEL = '46185';

type Expected = Partial<SmsParseLine> & Pick<SmsParseLine, 'intent'>;

const CASES: readonly [string, Expected][] = [
  [
    'bjr jvx aller a cahors dem1 matin depuis pradines',
    {
      intent: 'request',
      from: PRADINES,
      to: CAHORS,
      date: '2026-11-24',
      earliest: '07:00',
      latest: '12:00',
    },
  ],
  [
    'salut, jdois aller a figeac demain 14h30, je suis a cajarc',
    {
      intent: 'request',
      from: CAJARC,
      to: FIGEAC,
      date: '2026-11-24',
      earliest: '14:00',
      latest: '15:00',
    },
  ],
  [
    'de Vers à Cahors vers 10h',
    {
      intent: 'request',
      from: '46268',
      to: CAHORS,
      date: null,
      earliest: '09:15',
      latest: '10:45',
    },
  ],
  [
    'Cahors vers Figeac mardi 8h',
    {
      intent: 'request',
      from: CAHORS,
      to: FIGEAC,
      date: '2026-11-24',
      earliest: '07:30',
      latest: '08:30',
    },
  ],
  ['FIGEAC -> CAHORS', { intent: 'request', from: FIGEAC, to: CAHORS, date: null, earliest: null }],
  [
    'Gramat > Rocamadour samedi 10h',
    { intent: 'request', from: GRAMAT, to: '46240', date: '2026-11-28', earliest: '09:30' },
  ],
  [
    'jhabite a Labastide-Murat, besoin pr aller a Gramat jeudi aprem',
    {
      intent: 'request',
      from: '46138',
      to: GRAMAT,
      date: '2026-11-26',
      earliest: '13:00',
      latest: '18:00',
    },
  ],
  [
    'Souillac Martel vendredi vers midi',
    {
      intent: 'request',
      from: SOUILLAC,
      to: MARTEL,
      date: '2026-11-27',
      earliest: '11:15',
      latest: '12:45',
    },
  ],
  [
    'je voudrais aller de st cirq lapopie a cahors le 4/12 a 9h',
    { intent: 'request', from: '46256', to: CAHORS, date: '2026-12-04', earliest: '08:30' },
  ],
  [
    "puy l'eveque luzech demain 8h30",
    {
      intent: 'request',
      from: '46231',
      to: '46182',
      date: '2026-11-24',
      earliest: '08:00',
      latest: '09:00',
    },
  ],
  [
    'Biars Figeac lundi prochain 7h',
    { intent: 'request', from: '46029', to: FIGEAC, date: '2026-11-30', earliest: '06:30' },
  ],
  [
    'rdv medecin a Gourdon mercredi 10h je pars de Salviac',
    { intent: 'request', from: '46297', to: GOURDON, date: '2026-11-25' },
  ],
  [
    'capdenac figac 2m1 9h',
    { intent: 'request', from: '46055', to: FIGEAC, date: '2026-11-24', earliest: '08:30' },
  ],
  [
    'St Céré -> Figeac auj 16h',
    { intent: 'request', from: SAINT_CERE, to: FIGEAC, date: '2026-11-23', earliest: '15:30' },
  ],
  [
    'je suis à Espère, je dois aller à Cahors demain 9h',
    { intent: 'request', from: '46095', to: CAHORS, date: '2026-11-24' },
  ],
  [
    'de Fons à Figeac lundi 9h',
    { intent: 'request', from: '46108', to: FIGEAC, date: '2026-11-30' },
  ],
  [
    "j'espère aller à Figeac demain",
    { intent: 'request', from: null, to: FIGEAC, date: '2026-11-24' },
  ],
  [
    'Lacapelle Marival Figeac jeudi 9h',
    { intent: 'request', from: '46143', to: FIGEAC, date: '2026-11-26' },
  ],
  [
    'montcuq cahors samedi matin',
    {
      intent: 'request',
      from: '46201',
      to: CAHORS,
      date: '2026-11-28',
      earliest: '07:00',
      latest: '12:00',
    },
  ],
  [
    'pour aller a Latronquiere depuis Figeac le 2 decembre',
    { intent: 'request', from: FIGEAC, to: '46160', date: '2026-12-02', earliest: null },
  ],
  [
    'bonjour je souhaiterais un transport de Leyme a Saint-Céré le 1er décembre vers 14h',
    {
      intent: 'request',
      from: '46170',
      to: SAINT_CERE,
      date: '2026-12-01',
      earliest: '13:15',
      latest: '14:45',
    },
  ],
  [
    'Saint Cirq Lapopie - Cahors lundi',
    { intent: 'request', from: '46256', to: CAHORS, date: '2026-11-30' },
  ],
  [
    'cressensac sarrazac souillac 8h',
    { intent: 'request', from: '46083', to: SOUILLAC, earliest: '07:30' },
  ],
  [
    'Gourdon-Cahors dem1 aprem',
    { intent: 'request', from: GOURDON, to: CAHORS, date: '2026-11-24', earliest: '13:00' },
  ],
  [
    'je suis a catus et je voudrais aller a mercues vendredi 9h',
    { intent: 'request', from: '46064', to: '46191', date: '2026-11-27' },
  ],
  [
    'Le Vigan Gourdon vendredi 11h',
    { intent: 'request', from: '46334', to: GOURDON, date: '2026-11-27' },
  ],
  ['aller à Vayrac samedi 11h', { intent: 'request', from: null, to: '46330', date: '2026-11-28' }],
  ['Cajarc Figeac', { intent: 'request', from: CAJARC, to: FIGEAC, date: null }],
  ['demain 9h', { intent: 'request', from: null, to: null, date: '2026-11-24', earliest: '08:30' }],
  [
    'Non, pas demain : Cahors Figeac jeudi 9h',
    { intent: 'request', from: CAHORS, to: FIGEAC, date: '2026-11-26' },
  ],
  ['Souillac Paris demain', { intent: 'request', from: SOUILLAC, to: null }],
  ['oui ok', { intent: 'accept' }],
  ['ouais dac', { intent: 'accept' }],
  ["d'accord", { intent: 'accept' }],
  ['Oui je peux, à quelle heure ?', { intent: 'accept' }],
  ['bien sûr, avec plaisir', { intent: 'accept' }],
  ['non desole je ne peux pas', { intent: 'decline' }],
  ['pas possible cette semaine', { intent: 'decline' }],
  ['NON', { intent: 'decline' }],
  ["j'annule", { intent: 'cancel' }],
  ['je voudrais annuler mon trajet de demain', { intent: 'cancel' }],
  ['STOP', { intent: 'stop' }],
  ['arret', { intent: 'stop' }],
  ['?', { intent: 'help' }],
  ['help', { intent: 'help' }],
  ['merci beaucoup', { intent: 'thanks' }],
  ['Merci bonne journée', { intent: 'thanks' }],
  ['asdfghjkl', { intent: 'unknown' }],
  ['coucou', { intent: 'unknown' }],
  ['12345', { intent: 'unknown' }],
  ['', { intent: 'unknown' }],
];

describe('messages the reader has never seen', () => {
  it.each(CASES)('reads %j', (text, expected) => {
    expect(read(text)).toMatchObject(expected);
  });

  it('gets at least 95% of them entirely right (a guard for this table)', () => {
    const right = CASES.filter(([text, expected]) => {
      const got = read(text) as unknown as Record<string, unknown>;
      return Object.entries(expected).every(([k, v]) => got[k] === v);
    });
    expect(right.length / CASES.length).toBeGreaterThanOrEqual(0.95);
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });
});
