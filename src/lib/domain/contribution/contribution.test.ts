import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeContribution,
  contributionSettings,
  ContributionSettingError,
} from './contribution';

const cents = (km: number, eurosPerKm = 0.1) => {
  const result = computeContribution(km, { eurosPerKm });
  if (!result.ok) throw new Error(result.message);
  return result.cents;
};

describe('contribution', () => {
  it('charges Marie 1,20 EUR for Cardaillac–Figeac (8.7 km × 1.35 at 0.10 €/km)', () => {
    expect(cents(8.7 * 1.35)).toBe(120);
  });

  it('rounds to the nearest 10 cents, half up', () => {
    expect(cents(11.4)).toBe(110);
    expect(cents(11.5)).toBe(120);
    expect(cents(11.6)).toBe(120);
    expect(cents(0.4)).toBe(0);
  });

  it('applies the territory rate up to the legal 0.32 €/km, which is accepted', () => {
    expect(cents(10, 0.32)).toBe(320);
    expect(contributionSettings(0.32).eurosPerKm).toBe(0.32);
  });

  it('refuses a rate above 0.32 €/km with a French message naming the ceiling', () => {
    expect(() => contributionSettings(0.33)).toThrow(ContributionSettingError);
    expect(() => contributionSettings(0.33)).toThrow(/0,32 €.*plafond légal/);
    expect(() => computeContribution(10, { eurosPerKm: 0.5 })).toThrow(/ne peut pas dépasser/);
  });

  it('allows a free service at 0 €/km and refuses a negative or missing rate', () => {
    expect(cents(40, 0)).toBe(0);
    expect(() => contributionSettings(-0.1)).toThrow(/négatif/);
    expect(() => contributionSettings(Number.NaN)).toThrow(/nombre/);
  });

  it('refuses a passenger leg over 100 km as not solidarity transport, and says why', () => {
    const result = computeContribution(100.5);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe('too-far');
      expect(result.message).toMatch(/100 km.*transport solidaire/);
    }
    expect(computeContribution(100).ok).toBe(true);
  });

  it('always gives whole tens of cents, never more than the rate allows, growing with distance', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.integer({ min: 0, max: 32 }),
        (km1, km2, centsPerKm) => {
          const rate = centsPerKm / 100;
          const [a, b] = [cents(Math.min(km1, km2), rate), cents(Math.max(km1, km2), rate)];
          expect(a % 10).toBe(0);
          expect(a).toBeLessThanOrEqual(b);
          expect(b).toBeLessThanOrEqual(Math.max(km1, km2) * centsPerKm + 5 + 1e-6);
        },
      ),
    );
  });
});
