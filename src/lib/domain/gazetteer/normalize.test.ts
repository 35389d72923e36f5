import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeName, stripArticle } from './normalize';

describe('normalizeName', () => {
  it('lowercases and strips accents and ligatures', () => {
    expect(normalizeName('Cœur de Causse')).toBe('coeur de causse');
    expect(normalizeName('ÉÈÊËÀÂÎÏÔÛÙÇ')).toBe('eeeeaaiiouuc');
    expect(normalizeName('Lætitia')).toBe('laetitia');
  });

  it('turns apostrophes, hyphens and punctuation into single spaces', () => {
    expect(normalizeName("  Puy-l'Évêque ")).toBe('puy l eveque');
    expect(normalizeName('Puy–l’Évêque')).toBe('puy l eveque');
    expect(normalizeName('Biars--sur   Cère.')).toBe('biars sur cere');
  });

  it('expands St and Ste as whole words only', () => {
    expect(normalizeName('St-Céré')).toBe('saint cere');
    expect(normalizeName('Ste. Colombe')).toBe('sainte colombe');
    expect(normalizeName('Estal')).toBe('estal');
  });

  it('is idempotent and leaves only a-z, 0-9 and single spaces', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const n = normalizeName(s);
        expect(normalizeName(n)).toBe(n);
        expect(n).toMatch(/^([a-z0-9]+( [a-z0-9]+)*)?$/);
      }),
    );
  });
});

describe('normalizeName on words that name an object property', () => {
  it('keeps them as they are', () => {
    expect(normalizeName('Constructor')).toBe('constructor');
    expect(normalizeName('st constructor')).toBe('saint constructor');
  });
});

describe('stripArticle', () => {
  it('drops a leading article but keeps a name that is only an article', () => {
    expect(stripArticle('les arques')).toBe('arques');
    expect(stripArticle('l hospitalet')).toBe('hospitalet');
    expect(stripArticle('lacapelle marival')).toBe('lacapelle marival');
    expect(stripArticle('le')).toBe('le');
  });
});
