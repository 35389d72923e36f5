import { describe, expect, it } from 'vitest';
import { firstNameOf, isTextable, registeredBy, UNKNOWN_FIRST_NAME } from './people';
import type { Person } from './schemas';
import { sampleMarie } from './test-docs';

const marie = sampleMarie as unknown as Person;
const kevin = {
  ...marie,
  firstName: 'Kevin Lacoste',
  phone: '+33639980111',
  phoneKind: 'mobile',
  createdBy: 'worker',
} as Person;

describe('what the worker knows of a person', () => {
  it('texts only a mobile phone', () => {
    expect(isTextable(marie)).toBe(false);
    expect(isTextable(kevin)).toBe(true);
    expect(isTextable(null)).toBe(false);
  });

  it('calls back through the relay who registered the person, never through the worker', () => {
    expect(registeredBy(marie)).toBe('sophie');
    expect(registeredBy(kevin)).toBeNull();
  });

  it('says only the first name, and "Quelqu’un" for a sender nobody has named yet', () => {
    expect(firstNameOf(kevin)).toBe('Kevin');
    expect(firstNameOf({ ...kevin, firstName: UNKNOWN_FIRST_NAME })).toBe('Quelqu’un');
    expect(firstNameOf(null)).toBe('Quelqu’un');
  });
});
