import { describe, expect, it } from 'vitest';
import { tokenizeSms } from './tokenize';

describe('tokenizing an SMS', () => {
  it('lowers case, drops accents and splits hyphenated names', () => {
    expect(tokenizeSms('Saint-Céré PUY-L’ÉVÊQUE Cœur')).toEqual([
      'saint',
      'cere',
      'puy',
      'l',
      'eveque',
      'coeur',
    ]);
  });

  it('folds the usual SMS abbreviations into whole words', () => {
    expect(tokenizeSms('bjr jdois aller ds 1 magasin pr 9h stp')).toEqual([
      'bonjour',
      'je',
      'dois',
      'aller',
      'dans',
      '1',
      'magasin',
      'pour',
      '9h',
      'svp',
    ]);
    expect(tokenizeSms('jvx y aller dem1 aprem')).toEqual([
      'je',
      'veux',
      'y',
      'aller',
      'demain',
      'apresmidi',
    ]);
    expect(tokenizeSms('St Cere, Ste Colombe, St. Cirq')).toEqual([
      'saint',
      'cere',
      ',',
      'sainte',
      'colombe',
      ',',
      'saint',
      'cirq',
    ]);
  });

  it("reads aujourd'hui, après-midi and d'accord as one word each", () => {
    expect(tokenizeSms("aujourd'hui après-midi, d'accord")).toEqual([
      'aujourdhui',
      'apresmidi',
      ',',
      'daccord',
    ]);
  });

  it('keeps times and dates whole, whatever the spacing', () => {
    expect(tokenizeSms('9 h 30, 8H, 14:30, 10 heures, le 3/12 et le 30.11')).toEqual([
      '9h30',
      ',',
      '8h',
      ',',
      '14:30',
      ',',
      '10h',
      ',',
      'le',
      '3/12',
      'et',
      'le',
      '30.11',
    ]);
    expect(tokenizeSms('le 1er décembre')).toEqual(['le', '1', 'decembre']);
  });

  it('turns every kind of arrow into one token', () => {
    expect(tokenizeSms('Gramat->Figeac')).toEqual(['gramat', '->', 'figeac']);
    expect(tokenizeSms('Gramat → Figeac => Cahors > Luzech')).toEqual([
      'gramat',
      '->',
      'figeac',
      '->',
      'cahors',
      '->',
      'luzech',
    ]);
  });

  it('gives no token for an empty or blank message', () => {
    expect(tokenizeSms('')).toEqual([]);
    expect(tokenizeSms('   ...  ')).toEqual([',']);
  });

  it("keeps words that name an object's own properties as words", () => {
    // "constructor" once found Object's constructor among the spellings and threw.
    expect(tokenizeSms('Constructor de Figeac')).toEqual(['constructor', 'de', 'figeac']);
    expect(tokenizeSms('tostring __proto__ hasOwnProperty')).toEqual([
      'tostring',
      'proto',
      'hasownproperty',
    ]);
  });
});
