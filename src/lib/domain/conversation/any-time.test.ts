import { describe, expect, it } from 'vitest';
import { saysAnyTime } from './any-time';

describe('any time suits', () => {
  it.each([
    'peu importe',
    "Peu importe l'heure",
    "n'importe quand",
    'nimporte quelle heure',
    'qd vs voulez',
    "ça m'est égal",
    'pas d heure precise',
    'toute la journée ça va',
    'à toute heure',
  ])('is read in « %s »', (text) => {
    expect(saysAnyTime(text)).toBe(true);
  });

  it.each(['9h', 'le matin', 'importe', 'je veux aller a Figeac', 'la journee de jeudi'])(
    'is not read in « %s »',
    (text) => {
      expect(saysAnyTime(text)).toBe(false);
    },
  );
});
