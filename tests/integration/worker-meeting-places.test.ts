// Issue 10 point 4: the meeting point told to driver and passenger is the trip's chosen place
// (imported from the national file), else a carpooling place near the passenger's town hall.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config';
import { importMeetingPlaces } from '../../server/cli/meeting-places';
import type { GazetteerData } from '../../src/lib/domain/gazetteer/types';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let world: World;
afterEach(async () => {
  await world?.stop();
});

const gazetteer = JSON.parse(
  readFileSync(join(projectRoot, 'data', 'gazetteer.json'), 'utf8'),
) as GazetteerData;
const centre = (insee: string) => gazetteer.communes.find((c) => c.insee === insee)!;
const cardaillac = centre(INSEE.cardaillac);
const lacapelle = centre(INSEE.lacapelle);

// Two places in the national schema: one by Cardaillac's centre, one 3 km out of Lacapelle.
const CSV = `id_local,nom_lieu,ad_lieu,insee,type,date_maj,ouvert,Xlong,Ylat,nbre_pl
46057-1,Parking de la Halle,Place de la Halle,46057,Parking,2026-05-01,true,${cardaillac.lon + 0.001},${cardaillac.lat},12
46143-1,Aire du Pech,D940,46143,Aire de covoiturage,2026-05-01,true,${lacapelle.lon + 0.04},${lacapelle.lat},20
`;

async function worldWithPlaces() {
  world = await startWorld('2026-11-24T09:43:00Z');
  const { places } = importMeetingPlaces(CSV, gazetteer.communes);
  expect(places).toHaveLength(2);
  await world.worker.stop();
  world.worker = await world.startWorker({ meetingPlaces: places });
  await addJean(world);
}

async function rideFor(passenger: { id: string; from: string }) {
  await world.person(passenger.id, {
    firstName: 'Marie',
    phone: '06 39 98 02 01',
    homeInsee: passenger.from,
  });
  await world.request('request:marie-aller', {
    passengerId: passenger.id,
    fromInsee: passenger.from,
    toInsee: INSEE.figeac,
    date: '2026-11-26',
    earliest: '08:00',
    latest: '09:30',
  });
  await world.run();
  world.clock.advance(7);
  await world.sms('06 39 98 01 01', 'oui');
  await world.run();
  const match = await world.get<{ state: { status: string; rideId: string } }>('match:marie-aller');
  expect(match.state.status).toBe('confirmed');
  return world.get<{ pickupPlace: string }>(match.state.rideId);
}

describe('meeting places in the ride details', () => {
  it('tells both the place the trip chose, even one far from the town hall, and the ride records it', async () => {
    await worldWithPlaces();
    const trip = await world.get<Record<string, unknown>>('trip:jean-figeac');
    await world.db.insert({ ...trip, meetingPlace: 'Aire du Pech' });
    const ride = await rideFor({ id: 'person:marie-0001', from: INSEE.lacapelle });

    expect(ride.pickupPlace).toBe('Aire du Pech');
    expect(world.sentTo('06 39 98 01 01')[1]).toMatch(
      /vous attend jeudi 26\/11 vers 8h15 Aire du Pech\./,
    );
    expect(world.sentTo('06 39 98 02 01')).toEqual([
      expect.stringMatching(/vous prend jeudi 26\/11 vers 8h15 Aire du Pech, pour Figeac/),
    ]);
  });

  it('tells the carpooling place by the passenger’s town hall when the trip names none there', async () => {
    await worldWithPlaces();
    const ride = await rideFor({ id: 'person:marie-0001', from: INSEE.cardaillac });

    expect(ride.pickupPlace).toBe('Parking de la Halle');
    expect(world.sentTo('06 39 98 02 01')).toEqual([
      expect.stringMatching(/vous prend jeudi 26\/11 vers 8h2\d Parking de la Halle, pour Figeac/),
    ]);
  });
});
