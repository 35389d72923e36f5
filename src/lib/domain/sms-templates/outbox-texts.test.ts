import { describe, expect, it } from 'vitest';
import { failedSmsTaskText, stuckSmsTaskText } from './outbox-texts';

describe('the task texts of an SMS that did not go', () => {
  it('say to whom, how many attempts, why, and what the SMS said', () => {
    expect(
      failedSmsTaskText({ to: '+33639980101', attempts: 3, error: 'refusé', text: 'Bonjour' }),
    ).toBe('SMS non envoyé à 06 39 98 01 01 après 3 essais (refusé) : « Bonjour »');
    expect(failedSmsTaskText({ to: '+33639980101', attempts: 1, error: null, text: 'A' })).toBe(
      'SMS non envoyé à 06 39 98 01 01 après 1 essai (erreur) : « A »',
    );
  });

  it('say an SMS without an answer may have gone, and is not sent again by itself', () => {
    const text = stuckSmsTaskText({ to: '+33565401234', minutes: 10, text: 'Jean passe à 8h' });
    expect(text).toContain('05 65 40 12 34');
    expect(text).toContain('depuis plus de 10 minutes');
    expect(text).toContain('Il ne sera pas renvoyé tout seul');
    expect(text).toMatch(/« Jean passe à 8h »$/);
  });
});
