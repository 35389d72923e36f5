// The worker on a database that answers like a CouchDB cluster (writes answered 202 beside rival
// revisions, a late and shuffled feed, lagging views): two workers on one feed, a driver's OUI, a
// worker killed between batches. Nothing is handed to the gateway twice, no document is left in
// conflict, and every request ends as it would on one node. CLUSTER_SEEDS=1,2,… replays seeds.
import { afterEach, describe, expect, it } from 'vitest';
import { addJean, INSEE, type World } from './worker-world';
import { CLUSTER_FAULTS, type ClusterFaultOptions } from './support/cluster-faults';
import {
  expectNoDoubleNoConflict,
  startClusterWorld,
  type ClusterWorld,
} from './support/cluster-world';

let world: ClusterWorld | undefined;
afterEach(async () => {
  await world?.stop();
  world = undefined;
});

const SEEDS = (process.env.CLUSTER_SEEDS ?? '7').split(',').map(Number);
const NOW = '2026-11-24T09:00:00Z';
const PASSENGERS = [
  { id: 'person:pax-0001', firstName: 'Marie', phone: '06 39 98 02 01', from: INSEE.cardaillac },
  { id: 'person:pax-0002', firstName: 'Odette', phone: '05 36 49 02 02', from: INSEE.cardaillac },
  { id: 'person:pax-0003', firstName: 'Louis', phone: '06 39 98 02 03', from: INSEE.lacapelle },
];

async function cast(w: World) {
  await addJean(w);
  await w.person('person:paul-0002', {
    firstName: 'Paul',
    phone: '06 39 98 01 02',
    homeInsee: INSEE.lacapelle,
    roles: ['driver'],
  });
  await w.trip('trip:paul-figeac', {
    driverId: 'person:paul-0002',
    fromInsee: INSEE.lacapelle,
    toInsee: INSEE.figeac,
    weekdays: [4],
    departure: '08:20',
    detourMinutes: 10,
  });
  for (const p of PASSENGERS) {
    await w.person(p.id, { firstName: p.firstName, phone: p.phone, homeInsee: p.from });
    await w.request(`request:${p.id.slice(7)}`, {
      passengerId: p.id,
      fromInsee: p.from,
      toInsee: INSEE.figeac,
      date: '2026-11-26',
      earliest: '08:00',
      latest: '09:30',
    });
  }
}

const e164 = (phone: string) => `+33${phone.replace(/\s/g, '').slice(1)}`;

/** Answers OUI to every question still open, as the drivers would. */
async function driversSayYes(w: ClusterWorld) {
  for (const phone of ['06 39 98 01 01', '06 39 98 01 02']) {
    const asked = w.sentTo(phone).filter((t) => t.includes('cherche un trajet')).length;
    const answered = (await w.docs<{ from: string; direction: string }>('message')).filter(
      (m) => m.direction === 'in' && m.from === e164(phone),
    ).length;
    if (asked > answered) await w.sms(phone, 'oui');
  }
}

async function expectAllConfirmed(w: ClusterWorld) {
  const matches = await w.docs<{ state: { status: string } }>('match');
  expect(matches.map((m) => m.state.status)).toEqual(['confirmed', 'confirmed', 'confirmed']);
  const rides = await w.docs<{ cancelledAt: string | null }>('ride');
  expect(rides.filter((r) => r.cancelledAt === null)).toHaveLength(3);
  const out = (await w.docs<{ direction: string; state: string }>('message')).filter(
    (m) => m.direction === 'out',
  );
  expect(out.map((m) => m.state).filter((s) => s !== 'sent')).toEqual([]);
  for (const phone of ['06 39 98 02 01', '06 39 98 02 03'])
    expect(w.sentTo(phone), w.sentTo(phone).join(' / ')).toHaveLength(1);
  expect(await w.docs('task')).toMatchObject([{ kind: 'callback', assignee: 'sophie' }]);
  await expectNoDoubleNoConflict(w);
  const stats = w.couch.faults?.stats;
  if (stats)
    expect(stats.accepted + stats.acceptedWithSibling + stats.losersAccepted).toBeGreaterThan(0);
}

type Profile = Omit<ClusterFaultOptions, 'seed'>;
/** What two real workers racing cause (202s, a loser kept beside the winner), the feed, views. */
const RACING = { ...CLUSTER_FAULTS, acceptedWithSibling: 0 };

function scenarios(seed: number, profile: Profile) {
  const open = () => startClusterWorld(NOW, seed, profile);

  it('shares one feed between two workers: each SMS handed over once, every request confirmed', async () => {
    const w = (world = await open());
    await w.startWorker({ name: 'second', batchSize: 2 });
    await cast(w);
    for (let round = 0; round < 20; round++) {
      await w.runAll();
      await driversSayYes(w);
      w.clock.advance(11); // a request waiting for a busy driver looks again
    }
    await expectAllConfirmed(w);
  });

  async function askJean(w: ClusterWorld) {
    await w.startWorker({ name: 'second' });
    await addJean(w);
    await w.person('person:pax-0001', { firstName: 'Marie', phone: '06 39 98 02 01' });
    await w.request('request:pax-0001', {
      passengerId: 'person:pax-0001',
      fromInsee: INSEE.cardaillac,
      toInsee: INSEE.figeac,
      date: '2026-11-26',
      earliest: '08:00',
      latest: '09:30',
    });
    await w.runAll();
    expect(w.sentTo('06 39 98 01 01')).toEqual([expect.stringContaining('cherche un trajet')]);
    w.clock.advance(2);
    await w.sms('06 39 98 01 01', 'OUI');
    await w.runAll();
  }

  it('confirms the ride once on the driver’s OUI, with two workers reading it', async () => {
    const w = (world = await open());
    await askJean(w);
    const [match] = await w.docs<{ state: { status: string } }>('match');
    expect(match?.state.status).toBe('confirmed');
    expect(await w.docs('ride')).toMatchObject([{ cancelledAt: null }]);
    const toJean = w.sentTo('06 39 98 01 01');
    expect(toJean.filter((t) => t.includes('Marie'))).toHaveLength(2); // question, then details
    expect(w.sentTo('06 39 98 02 01')).toEqual([expect.stringContaining('Jean')]);
    const inbound = (await w.docs<{ direction: string; state: string }>('message')).filter(
      (m) => m.direction === 'in',
    );
    expect(inbound.map((m) => m.state)).toEqual(['handled']);
    await expectNoDoubleNoConflict(w);
  });

  // Two workers that read the same OUI both applied it: the second found the match confirmed and
  // answered "aucune demande en attente" (without any fault too). The reader now takes a lease.
  it('answers the driver’s OUI once when two workers read it', async () => {
    const w = (world = await open());
    await askJean(w);
    expect(w.sentTo('06 39 98 01 01')).toHaveLength(2);
  });

  it('picks up after being killed between batches, without sending anything twice', async () => {
    // The first worker stays stopped until the end, then catches up from where it was.
    const w = (world = await open());
    await cast(w);
    let kills = 0;
    for (let round = 0; round < 300; round++) {
      const worker = await w.startWorker({ batchSize: 1 });
      let idle = false;
      for (let i = 0; i <= round % 3; i++) {
        if ((await worker.step()) === 0 && (await worker.tick()) === 0) idle = true;
      }
      if (idle) {
        await w.couch.faults?.settled();
        await driversSayYes(w);
        w.clock.advance(11);
        if ((await worker.step()) === 0 && (await worker.tick()) === 0) {
          await w.couch.faults?.settled();
          if ((await worker.step()) === 0 && (await worker.tick()) === 0) break;
        }
      }
      await worker.stop();
      w.workers.splice(w.workers.indexOf(worker), 1);
      if (round === 10) {
        const checkpoint = await w.db.get('_local/worker-main').catch(() => null);
        if (checkpoint) await w.db.destroy('_local/worker-main', checkpoint._rev);
      }
      kills++;
    }
    await w.runAll();
    expect(kills).toBeGreaterThan(10);
    await expectAllConfirmed(w);
  });
}

describe.each(SEEDS)('the worker on a cluster (seed %i)', (seed) => scenarios(seed, RACING));

// Also a rival revision over the parent of some writes, as a worker on another node would write:
// the sender's record of what the gateway said then meets it, and is applied to the message as
// it is now (without that the SMS stayed "sent-to-gateway" although sent once).
describe.each(SEEDS)('the worker on a cluster, rivals on other nodes (seed %i)', (seed) =>
  scenarios(seed, CLUSTER_FAULTS),
);
