// A message claimed for the gateway whose answer never got recorded (the worker died while the
// gateway held it, or the answer to the claim was lost): never handed over again, and after
// `stuckAfterMinutes` one task tells the coordinators, however often the timer looks.
import { afterEach, describe, expect, it } from 'vitest';
import { COORDINATORS } from '../../src/lib/domain/documents';
import { HELP_SMS } from '../../src/lib/domain/sms-templates';
import type { GatewaySink, OutgoingSms, SmsGateway } from '../../src/lib/server/shared/gateway';
import { startFaultProxy, writesDoc, type FaultProxy } from './support/fault-proxy';
import { addJean, INSEE, startWorld, type World } from './worker-world';

let world: World;
let proxy: FaultProxy | undefined;
afterEach(async () => {
  await world?.stop();
  await proxy?.stop();
  proxy = undefined;
});

const JEAN = '06 39 98 01 01';

/** A gateway that takes a message and never answers: the worker holding it is as good as dead. */
class HangingGateway implements SmsGateway {
  readonly name = 'hanging';
  private took: (sms: OutgoingSms) => void = () => {};
  readonly taken = new Promise<OutgoingSms>((resolve) => (this.took = resolve));
  async start(_sink: GatewaySink) {}
  send(sms: OutgoingSms) {
    this.took(sms);
    return new Promise<never>(() => {});
  }
  async stop() {}
}

async function marieAsksForARide(w: World) {
  await addJean(w);
  await w.person('person:marie-0001', { firstName: 'Marie', phone: '06 39 98 02 01' });
  await w.request('request:marie-aller', {
    passengerId: 'person:marie-0001',
    fromInsee: INSEE.cardaillac,
    toInsee: INSEE.figeac,
    date: '2026-11-26',
    earliest: '08:00',
    latest: '09:30',
  });
}

const stuckTasks = async (w: World) =>
  (await w.docs<{ kind: string; _id: string; text: string }>('task')).filter(
    (t) => t.kind === 'stuck-sms',
  );

describe('a message left sent-to-gateway', () => {
  it('by a worker that died holding it: never sent again, one task for coordinators after 10 minutes', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    await world.worker.stop();
    const hanging = new HangingGateway();
    const dying = await world.startWorker({ gateway: hanging });
    await marieAsksForARide(world);
    void dying.runOnce(); // never returns: the gateway holds the question to Jean
    const ask = await hanging.taken;
    // The process is gone; another worker takes over.
    world.worker = await world.startWorker();
    await world.run();
    expect(await world.get(ask.id)).toMatchObject({ state: 'sent-to-gateway', attempts: 1 });

    // An SMS Jean sends meanwhile is answered after his question, not before it.
    world.clock.advance(2);
    await world.sms(JEAN, 'aide');
    await world.run();
    world.clock.advance(7.5);
    await world.run();
    expect(world.sentTo(JEAN)).toEqual([]);
    expect(await stuckTasks(world)).toEqual([]);

    world.clock.advance(0.5); // ten minutes since the claim
    await world.run();
    const [task, ...more] = await stuckTasks(world);
    expect(more).toEqual([]);
    expect(task).toMatchObject({
      assignee: null,
      readers: [COORDINATORS],
      messageId: ask.id,
      personId: 'person:jean-0001',
      doneAt: null,
    });
    expect(task!.text).toContain(ask.text);
    expect(world.sentTo(JEAN)).toEqual([HELP_SMS]);

    // Looked at again by this worker and by a new one, much later: still one task, never sent.
    for (let i = 0; i < 3; i++) {
      world.clock.advance(30);
      await world.run();
    }
    await world.worker.stop();
    world.worker = await world.startWorker();
    world.clock.advance(60);
    await world.run();
    expect((await stuckTasks(world)).map((t) => t._id)).toEqual([task!._id]);
    expect(await world.get(ask.id)).toMatchObject({ state: 'sent-to-gateway', attempts: 1 });
    expect(world.handed.map((s) => s.id)).not.toContain(ask.id);
  });

  it('because the answer to its claim was lost: the worker does not risk a second copy, and says so', async () => {
    world = await startWorld('2026-11-24T09:43:00Z');
    proxy = await startFaultProxy(world.couch.url);
    await world.worker.stop();
    world.worker = await world.startWorker({ couchUrl: proxy.url });
    await marieAsksForARide(world);
    proxy.inject({ when: writesDoc('message:ask-', '"sent-to-gateway"'), fault: 'lose-response' });
    await expect(world.run()).rejects.toThrow(/connection/);
    await world.run();
    const [ask] = await world.docs<{ _id: string; state: string }>('message');
    expect(ask).toMatchObject({ state: 'sent-to-gateway' });
    expect(world.handed).toEqual([]);
    world.clock.advance(10);
    await world.run();
    expect(await stuckTasks(world)).toMatchObject([{ messageId: ask!._id }]);
    expect(world.handed).toEqual([]);
    expect(await world.worker.parked()).toEqual({});
  });
});
