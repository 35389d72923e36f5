// The worker's side of personal data (docs/personal-data.md): SMS and conversations past their
// retention go on the timer, every revision included, and only those; a person whose consent is
// withdrawn is asked nothing and sent nothing, as a blocked one.
import { afterEach, describe, expect, it } from 'vitest';
import { leavesOf } from '../../src/lib/server/shared/purge-history';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let world: World;
afterEach(async () => {
  await world?.stop();
});

type Stamped = { _id: string; createdAt: string; updatedAt: string; text?: string };

async function smsAndConversations(): Promise<Stamped[]> {
  return [
    ...(await world.docs<Stamped>('message')),
    ...(await world.docs<Stamped>('conversation')),
  ];
}

/** Bodies the server still gives for `id`, in any revision. */
async function bodiesOf(id: string): Promise<unknown[]> {
  const bodies: unknown[] = [];
  for (const leaf of await leavesOf(world.db, id)) {
    if (!leaf._deleted) bodies.push(leaf);
    const { start, ids } = leaf._revisions;
    for (const [i, hash] of ids.slice(1).entries()) {
      try {
        bodies.push(await world.db.get(id, { rev: `${start - 1 - i}-${hash}` }));
      } catch (err) {
        expect((err as { statusCode?: number }).statusCode).toBe(404);
      }
    }
  }
  return bodies;
}

describe('retention', () => {
  it('deletes SMS and conversations older than 12 months with their history, and only those', async () => {
    world = await startWorld('2025-10-01T09:00:00Z');
    await world.sms('06 39 98 11 11', 'cardaillac figeac jeudi 9h');
    await world.run();
    world.clock.set('2025-11-30T09:00:00Z');
    await world.sms('06 39 98 22 22', 'cardaillac figeac jeudi 9h');
    await world.run();

    const before = await smsAndConversations();
    const cutoff = '2025-11-24T10:00:00.000Z';
    const old = before.filter(
      (d) => (d._id.startsWith('message:') ? d.createdAt : d.updatedAt) < cutoff,
    );
    const recent = before.filter((d) => !old.includes(d));
    expect(old.some((d) => d._id.startsWith('message:'))).toBe(true);
    expect(old.some((d) => d._id.startsWith('conversation:'))).toBe(true);
    expect(recent.some((d) => d._id.startsWith('message:'))).toBe(true);
    expect(recent.some((d) => d._id.startsWith('conversation:'))).toBe(true);

    world.clock.set('2026-11-24T10:00:00Z');
    await world.worker.tick();
    for (const doc of old) expect(await bodiesOf(doc._id), doc._id).toEqual([]);
    const after = await smsAndConversations();
    expect(after.map((d) => d._id).sort()).toEqual(recent.map((d) => d._id).sort());
    expect(world.logs.some((l) => l.startsWith('retention: '))).toBe(true);
    expect(world.logs.join('\n')).not.toMatch(/6399811|6399822/);

    // The next run finds nothing more to do, and changes nothing.
    world.clock.advance(24 * 60);
    const feedBefore = (await world.db.info()).update_seq;
    await world.worker.tick();
    expect((await world.db.info()).update_seq).toEqual(feedBefore);
  });
});

describe('a withdrawn consent', () => {
  it('keeps the driver out of searches and the passenger out of SMS, as a block does', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    await addJean(world);
    const jean = await world.get<Record<string, unknown>>('person:jean-0001');
    const consent = jean.consent as Record<string, unknown>;
    await world.db.insert({
      ...jean,
      consent: { ...consent, withdrawnAt: '2026-11-24T09:43:00.000Z' },
      updatedBy: 'coordination',
    });
    await world.person('person:marie-0001', { firstName: 'Marie', phone: '06 39 98 33 33' });
    await world.request('request:marie-aller', {
      passengerId: 'person:marie-0001',
      fromInsee: INSEE.cardaillac,
      toInsee: INSEE.figeac,
      date: '2026-11-26',
      earliest: '08:00',
      latest: '09:30',
    });
    await world.run();
    expect(world.sentTo('06 39 98 01 01')).toEqual([]);
    expect(await world.get('match:marie-aller')).toMatchObject({
      state: { status: 'unmatched' },
    });
  });

  it('stops an SMS already queued for the person', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    await world.person('person:marie-0002', {
      firstName: 'Marie',
      phone: '06 39 98 44 44',
      consent: {
        by: 'sophie',
        method: 'oral',
        at: '2026-11-24T09:43:00.000Z',
        withdrawnAt: '2026-11-24T09:43:00.000Z',
      },
    });
    await world.db.insert({
      _id: 'message:out-queued1',
      type: 'message',
      schema: 1,
      createdAt: '2026-11-24T09:43:00.000Z',
      createdBy: 'worker',
      updatedAt: '2026-11-24T09:43:00.000Z',
      updatedBy: 'worker',
      readers: ['role:coordinator'],
      direction: 'out',
      to: '+33639984444',
      text: 'Maillage : bonjour Marie',
      purpose: 'reply',
      personId: 'person:marie-0002',
      relatedId: null,
      state: 'pending',
      history: [],
      attempts: 0,
      notBefore: null,
      gateway: null,
      gatewayRef: null,
      error: null,
    });
    await world.run();
    expect(world.sentTo('06 39 98 44 44')).toEqual([]);
    expect(await world.get('message:out-queued1')).toMatchObject({ state: 'failed' });
  });
});
