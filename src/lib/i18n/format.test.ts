import { describe, expect, it } from 'vitest';
import {
  addDays,
  clockTime,
  dateInParis,
  hourMinuteInParis,
  logoutWarning,
  pendingText,
  phoneText,
  weekdayList,
} from './format';

describe('French formats', () => {
  it('writes the time of an instant in Paris the French way, winter and summer', () => {
    expect(hourMinuteInParis('2026-11-24T09:42:00Z')).toBe('10h42');
    expect(hourMinuteInParis('2026-07-01T06:05:00Z')).toBe('8h05');
  });

  it('takes the calendar day in Paris, not in UTC, just after midnight', () => {
    expect(dateInParis(new Date('2026-11-25T23:30:00Z'))).toBe('2026-11-26');
    expect(dateInParis(new Date('2026-11-25T22:30:00Z'))).toBe('2026-11-25');
  });

  it('counts pending documents in the singular and the plural', () => {
    expect(pendingText(1)).toBe("1 document en attente d'envoi");
    expect(pendingText(2)).toBe("2 documents en attente d'envoi");
  });

  it('shortens stored times and lists weekdays', () => {
    expect(clockTime('08:00')).toBe('8h');
    expect(clockTime('17:30')).toBe('17h30');
    expect(weekdayList([2, 4])).toBe('mar, jeu');
  });

  it('warns before logging out with documents not sent yet', () => {
    expect(logoutWarning(2)).toBe(
      "2 documents en attente d'envoi : ils partiront à votre prochaine connexion sur cet appareil. Se déconnecter quand même ?",
    );
  });

  it('adds days across a month end', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
  });

  it('writes a phone with its kind, or says there is none', () => {
    expect(phoneText('+33565401234', 'landline')).toBe('05 65 40 12 34 (fixe)');
    expect(phoneText(null, 'none')).toBe('pas de téléphone');
  });
});
