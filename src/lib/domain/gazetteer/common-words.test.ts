import { describe, expect, it } from 'vitest';
import { isCommonWordName } from './common-words';
import { normalizeName } from './normalize';

const flagged = (name: string) => isCommonWordName(normalizeName(name));

describe('isCommonWordName', () => {
  it('flags Lot names that are ordinary words in an SMS', () => {
    for (const name of ['Vers', 'Espère', 'Fons', 'Cours', 'Le Bourg', 'Bio']) {
      expect(flagged(name), name).toBe(true);
    }
  });

  it('leaves ordinary place names alone, even those containing a common word', () => {
    for (const name of [
      'Figeac',
      'Gramat',
      'Les Pechs du Vers',
      'Bourg-en-Bresse',
      'Lunan',
      'Martel',
    ]) {
      expect(flagged(name), name).toBe(false);
    }
  });
});
