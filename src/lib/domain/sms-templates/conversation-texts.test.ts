import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSmsTaskText, smsRequestNote } from './conversation-texts';
import { UNKNOWN_FIRST_NAME } from '../documents';

describe('texts of the SMS conversation', () => {
  it('tells the coordinators who sent an SMS nobody understood, with the phone as people write it', () => {
    expect(
      readSmsTaskText({
        reason: 'not-understood',
        phone: '+33639980302',
        firstName: null,
        text: 'bjr c pr ma mere',
      }),
    ).toBe('SMS non compris (06 39 98 03 02) : « bjr c pr ma mere »');
  });

  it('names a blocked sender by first name after the phone', () => {
    expect(
      readSmsTaskText({
        reason: 'blocked',
        phone: '+33639980201',
        firstName: 'Marie',
        text: 'Cardaillac Figeac jeudi',
      }),
    ).toBe('SMS d’une personne bloquée (06 39 98 02 01, Marie) : « Cardaillac Figeac jeudi »');
  });

  it('writes a foreign number as it was stored', () => {
    expect(
      readSmsTaskText({
        reason: 'not-understood',
        phone: '+32470123456',
        firstName: UNKNOWN_FIRST_NAME,
        text: '?!',
      }),
    ).toBe('SMS non compris (+32470123456, Inconnu (SMS)) : « ?! »');
  });

  it('keeps the SMS in a request’s note, never past the note’s 500 characters', () => {
    expect(smsRequestNote('Gramat Figeac mardi 9h')).toBe('SMS : Gramat Figeac mardi 9h');
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (text) => {
        const note = smsRequestNote(text);
        expect(note.length).toBeLessThanOrEqual(500);
        expect(`SMS : ${text}`.startsWith(note)).toBe(true);
      }),
    );
  });
});
