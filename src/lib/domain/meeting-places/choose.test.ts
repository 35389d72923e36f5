import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { haversineKm } from '../matching/geo';
import { chooseMeetingPoint, NEARBY_KM, type MeetingPointFacts } from './choose';
import { parseMeetingPlaces, type MeetingPlace } from './parse';
import { PLACES_CSV } from './test-places';

const { places } = parseMeetingPlaces(PLACES_CSV);
// Figeac’s centre 0.2 km from the Foirail and 0.7 km from the Aire du Pont: both nearby.
const figeacCentre = { lon: 2.0335, lat: 44.6085 };
const lacapelleToFigeac = {
  fromInsee: '46143',
  toInsee: '46102',
  meetingPlace: 'Place de la Halle',
  returnMeetingPlace: 'Aire du Pont de Figeac',
};
const base: MeetingPointFacts = {
  trip: lacapelleToFigeac,
  leg: 'outbound',
  pickupInsee: '46143',
  townName: 'Lacapelle-Marival',
  centre: null,
  places,
};

describe('chooseMeetingPoint', () => {
  it('meets at the trip’s own place when the passenger boards where the trip starts', () => {
    expect(chooseMeetingPoint(base)).toBe('Place de la Halle');
  });

  it('meets at the trip’s return place when the passenger boards where the trip comes back from', () => {
    const fromFigeac = {
      ...base,
      leg: 'return' as const,
      pickupInsee: '46102',
      townName: 'Figeac',
    };
    expect(chooseMeetingPoint(fromFigeac)).toBe('Aire du Pont de Figeac');
  });

  it('never tells a return passenger the place the trip leaves from in the morning', () => {
    const trip = { fromInsee: '46143', toInsee: '46102', meetingPlace: 'Place de la Halle' };
    const fromFigeac = { ...base, trip, leg: 'return' as const, pickupInsee: '46102' };
    expect(chooseMeetingPoint({ ...fromFigeac, townName: 'Figeac' })).toBe(
      'devant la mairie de Figeac',
    );
  });

  it('meets at the passenger’s commune’s nearest imported place when the trip names none there', () => {
    const onTheWay = { ...base, trip: null, pickupInsee: '46102', townName: 'Figeac' };
    expect(chooseMeetingPoint({ ...onTheWay, centre: figeacCentre })).toBe('Parking "Foirail"');
  });

  it('keeps the town hall when the commune’s places are beyond walking distance', () => {
    const gramat = { ...base, trip: null, pickupInsee: '46128', townName: 'Gramat' };
    // Sortie nord de Gramat is 1.3 km north of this centre.
    expect(chooseMeetingPoint({ ...gramat, centre: { lon: 1.726, lat: 44.7784 } })).toBe(
      'devant la mairie de Gramat',
    );
  });

  it('keeps the town hall when the commune has no place or its centre is unknown', () => {
    const cardaillac = { ...base, trip: null, pickupInsee: '46057', townName: 'Cardaillac' };
    expect(chooseMeetingPoint({ ...cardaillac, centre: figeacCentre })).toBe(
      'devant la mairie de Cardaillac',
    );
    expect(chooseMeetingPoint({ ...cardaillac, pickupInsee: '46102', centre: null })).toBe(
      'devant la mairie de Cardaillac',
    );
  });

  it('ignores a blank meeting place on the trip', () => {
    const trip = { ...lacapelleToFigeac, meetingPlace: '  ' };
    expect(chooseMeetingPoint({ ...base, trip })).toBe('devant la mairie de Lacapelle-Marival');
  });

  it('only ever names the trip’s place, a nearby place of the passenger’s commune, or its town hall', () => {
    const insee = fc.constantFrom('46102', '46128', '46143');
    const place = fc.record({
      id: fc.string({ minLength: 1, maxLength: 6 }),
      name: fc.string({ minLength: 1, maxLength: 12 }),
      insee,
      kind: fc.constant('Parking'),
      lon: fc.double({ min: 1.9, max: 2.1, noNaN: true }),
      lat: fc.double({ min: 44.55, max: 44.65, noNaN: true }),
      address: fc.constant(null),
      spaces: fc.constant(null),
      updated: fc.constant('2026-01-01'),
    }) as fc.Arbitrary<MeetingPlace>;
    fc.assert(
      fc.property(
        fc.array(place, { maxLength: 8 }),
        insee,
        fc.constantFrom('outbound' as const, 'return' as const),
        fc.option(fc.constantFrom('Place de la Halle', 'Aire du Pont'), { nil: undefined }),
        (all, pickupInsee, leg, meetingPlace) => {
          const trip = { fromInsee: '46143', toInsee: '46102', meetingPlace };
          const f = { ...base, trip, leg, pickupInsee, places: all, centre: figeacCentre };
          const chosen = chooseMeetingPoint(f);
          const start = leg === 'outbound' ? '46143' : '46102';
          const fromTrip = leg === 'outbound' && start === pickupInsee && meetingPlace === chosen;
          const nearby = all.some(
            (p) =>
              p.insee === pickupInsee &&
              p.name === chosen &&
              haversineKm(figeacCentre.lon, figeacCentre.lat, p.lon, p.lat) <= NEARBY_KM,
          );
          expect(fromTrip || nearby || chosen === 'devant la mairie de Lacapelle-Marival').toBe(
            true,
          );
        },
      ),
    );
  });
});
