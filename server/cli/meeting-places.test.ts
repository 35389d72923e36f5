import { describe, expect, it } from 'vitest';
import { PLACES_CSV } from '../../src/lib/domain/meeting-places/test-places';
import { importMeetingPlaces } from './meeting-places';

describe('importMeetingPlaces', () => {
  it('keeps the open places of the territory and says what it skipped', () => {
    const { places, messages } = importMeetingPlaces(PLACES_CSV, [{ insee: '46102' }]);
    expect(places.map((p) => p.id)).toEqual(['46102-A', '46102-B']);
    expect(messages).toEqual([
      'ligne 6 : insee : code de commune attendu',
      'ligne 7 : id_local en double : 46102-A',
      '1 lieu(x) hors du territoire ignoré(s)',
    ]);
  });
});
