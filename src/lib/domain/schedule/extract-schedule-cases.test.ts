// Phrasings the first extractSchedule (one loop of branches) read, with the outputs it gave, so
// that its rewrite as a table of readers is held to them. "Used" lists the tokens the reading
// took, which the place finder then skips. Today is Monday 23 November 2026.
import { describe, expect, it } from 'vitest';
import { tokenizeSms } from '../sms/tokenize';
import { extractSchedule } from './extract-schedule';
import { DEFAULT_TIME_SETTINGS } from './time-settings';

type Case = readonly [
  text: string,
  date: string | null,
  earliest: string | null,
  latest: string | null,
  used: string,
];

const CASES: readonly Case[] = [
  // the first date and the first time win; an explicit date wins over a relative one
  ['demain 9h retour 17h', '2026-11-24', '08:30', '09:30', 'demain 9h 17h'],
  ['jeudi ou vendredi', '2026-11-26', null, null, 'jeudi vendredi'],
  ['demain ou le 3/12', '2026-12-03', null, null, 'demain le 3/12'],
  ['le 3/12 ou demain', '2026-12-03', null, null, 'le 3/12 demain'],
  ['demain soir ou jeudi matin', '2026-11-24', '17:00', '21:00', 'demain soir jeudi matin'],
  // words around a weekday
  ['lundi prochain', '2026-11-30', null, null, 'lundi prochain'],
  ['mardi prochaine', '2026-11-24', null, null, 'mardi prochaine'],
  ['ce lundi', '2026-11-30', null, null, 'ce lundi'],
  ['le jeudi', '2026-11-26', null, null, 'le jeudi'],
  ['lundi 30 9h', '2026-11-30', '08:30', '09:30', 'lundi 30 9h'],
  ['lundi 10 decembre', '2026-12-10', null, null, 'lundi 10 decembre'],
  // negated dates
  // changed on purpose: a negation now takes the whole date it cancels (was 'pas lundi mardi')
  ['pas lundi prochain, mardi', '2026-11-24', null, null, 'pas lundi prochain mardi'],
  ['sauf samedi', null, null, null, 'sauf samedi'],
  ['pas auj mais demain', '2026-11-24', null, null, 'pas aujourdhui demain'],
  ['pas le 3/12', '2026-12-03', null, null, 'le 3/12'],
  // numeric dates and month names
  ['du 3/12', '2026-12-03', null, null, 'du 3/12'],
  ['le 2 decembre 2027', '2027-12-02', null, null, 'le 2 decembre 2027'],
  ['le 29/02', '2028-02-29', null, null, 'le 29/02'],
  ['29/02/2028', '2028-02-29', null, null, '29/02/2028'],
  ['1/1/27', '2027-01-01', null, null, '1/1/27'],
  ['30.11', '2026-11-30', null, null, '30.11'],
  ['le 3 personnes', null, null, null, ''],
  ['le 3 places', null, null, null, ''],
  ['le 3 9h', null, '08:30', '09:30', '9h'],
  ['a 10 decembre', '2026-12-10', null, null, '10 decembre'],
  // counted days and weeks
  ['dans 60 jours', '2027-01-22', null, null, 'dans 60 jours'],
  ['dans 61 jours', null, null, null, ''],
  ['dans 8 semaines', '2027-01-18', null, null, 'dans 8 semaines'],
  ['dans 9 semaines', null, null, null, ''],
  ['dans un jour', '2026-11-24', null, null, 'dans un jour'],
  ['dans 0 jours', null, null, null, ''],
  // parts of the day and the words before them
  ['dans la matinée', null, '07:00', '12:00', 'dans la matinee'],
  ['en soirée', null, '17:00', '21:00', 'en soiree'],
  ['le matin', null, '07:00', '12:00', 'le matin'],
  ['ce midi', '2026-11-23', '11:30', '12:30', 'ce midi'],
  ['cette aprem', '2026-11-23', '13:00', '18:00', 'cette apresmidi'],
  ['ce soir 7h', '2026-11-23', '18:30', '19:30', 'ce soir 7h'],
  ['matin 9h soir', null, '08:30', '09:30', 'matin 9h soir'],
  ['14h soir', null, '13:30', '14:30', '14h soir'],
  ['apres-midi 1h', null, '12:30', '13:30', 'apresmidi 1h'],
  // qualifiers around a time
  ['avant 9h environ', null, '08:15', '09:45', 'avant 9h environ'],
  ['dès 14h', null, '14:00', '15:00', 'des 14h'],
  ['pour 9h', null, '08:30', '09:30', 'pour 9h'],
  ['autour de 10h', null, '09:15', '10:45', 'autour de 10h'],
  ['aux alentours de 10h', null, '09:15', '10:45', 'aux alentours de 10h'],
  ['approximativement 9h', null, '08:15', '09:45', 'approximativement 9h'],
  ['9h env', null, '08:15', '09:45', '9h env'],
  ['de 9h', null, '08:30', '09:30', '9h'],
  // ranges
  ['a partir de 9h a 10h', null, '09:00', '10:00', 'de 9h a 10h'],
  ['entre midi et 14h', null, '12:00', '14:00', 'entre midi et 14h'],
  ['entre 10h et midi', null, '10:00', '12:00', 'entre 10h et midi'],
  ['9h midi', null, '09:00', '12:00', '9h midi'],
  ['midi 14h', null, '11:30', '12:30', 'midi 14h'],
  ['vers 9h-10h', null, '09:00', '10:00', '9h 10h'],
  ['entre 10h et 8h', null, '09:30', '10:30', '10h 8h'],
  ['9h-14h', null, '08:30', '09:30', '9h 14h'],
  ['9h-13h', null, '09:00', '13:00', '9h 13h'],
  // changed on purpose: the second time of a range is read like any time, "à 10" included
  // (was 08:30-09:30, taking '9h a 10')
  ['de 9h a 10', null, '09:00', '10:00', 'de 9h a 10'],
  // hours written without h
  ['a 5', null, null, null, ''],
  ['a 6', null, '05:30', '06:30', 'a 6'],
  ['vers 21', null, '20:15', '21:45', 'vers 21'],
  ['a 22', null, null, null, ''],
  ['a 9 svp', null, '08:30', '09:30', 'a 9'],
  ['a 9 demain', '2026-11-24', '08:30', '09:30', 'a 9 demain'],
  ['a 9 km', null, null, null, ''],
  ['entre 8 et 10', null, null, null, ''],
  ['a 9:00', null, '08:30', '09:30', 'a 9:00'],
];

describe('phrasings pinned before the readers were split', () => {
  it.each(CASES)('reads "%s"', (text, date, earliest, latest, used) => {
    const tokens = tokenizeSms(text);
    const reading = extractSchedule(tokens, '2026-11-23', DEFAULT_TIME_SETTINGS);
    const usedWords = [...reading.consumed].sort((a, b) => a - b).map((k) => tokens[k]);
    expect({ date: reading.date, earliest: reading.earliest, latest: reading.latest }).toEqual({
      date,
      earliest,
      latest,
    });
    expect(usedWords.join(' ')).toBe(used);
  });
});
