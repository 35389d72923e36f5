import { describe, expect, it } from 'vitest';
import { meetingPlacesGeoJson, meetingPlacesIn, parseMeetingPlaces, splitCsv } from './parse';

import { PLACES_CSV as fixture } from './test-places';

describe('parseMeetingPlaces', () => {
  const { places, errors } = parseMeetingPlaces(fixture);

  it('keeps the open places of a v0.3.0 file, quoted fields and all', () => {
    expect(places.map((p) => p.id)).toEqual(['46102-A', '46102-B', '46128-B']);
    expect(places[0]).toEqual({
      id: '46102-A',
      name: 'Aire du Pont de Figeac',
      insee: '46102',
      kind: 'Aire de covoiturage',
      lon: 2.0352,
      lat: 44.6021,
      address: 'Route de Cahors, D802',
      spaces: 24,
      updated: '2026-03-14',
    });
    expect(places[1]).toMatchObject({ name: 'Parking "Foirail"', spaces: null });
  });

  it('reports a bad INSEE code and a repeated id by line, and skips them', () => {
    expect(errors).toEqual([
      { line: 6, message: 'insee : code de commune attendu' },
      { line: 7, message: 'id_local en double : 46102-A' },
    ]);
  });

  it('refuses a file without the schema’s columns', () => {
    expect(parseMeetingPlaces('id,nom\n1,Place\n')).toEqual({
      places: [],
      errors: [
        {
          line: 1,
          message:
            'Colonnes manquantes : id_local, nom_lieu, insee, type, date_maj, ouvert, Xlong, Ylat',
        },
      ],
    });
  });

  it('reads a semicolon file with decimal commas', () => {
    const csv =
      'id_local;nom_lieu;insee;type;date_maj;ouvert;Xlong;Ylat\r\nA1;Mairie;46128;Parking;2026-01-01;VRAI;1,73;44,78\r\n';
    expect(parseMeetingPlaces(csv).places[0]).toMatchObject({ id: 'A1', lon: 1.73, lat: 44.78 });
  });
});

describe('meeting points', () => {
  const { places } = parseMeetingPlaces(fixture);

  it('offers a commune its own places, by name', () => {
    expect(meetingPlacesIn(places, '46102').map((p) => p.name)).toEqual([
      'Aire du Pont de Figeac',
      'Parking "Foirail"',
    ]);
    expect(meetingPlacesIn(places, '46309')).toEqual([]);
  });

  it('draws each place as a point', () => {
    expect(meetingPlacesGeoJson(places).features[2]).toEqual({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [1.726, 44.7901] },
      properties: {
        id: '46128-B',
        name: 'Sortie nord de Gramat',
        insee: '46128',
        kind: 'Délaissé routier',
      },
    });
  });

  it('splits quoted fields with newlines and doubled quotes', () => {
    expect(splitCsv('a,"b\nc","d""e"\n1,2,3')).toEqual([
      ['a', 'b\nc', 'd"e'],
      ['1', '2', '3'],
    ]);
  });
});
