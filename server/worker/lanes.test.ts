import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { laneOf, runInLanes } from './lanes';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('runInLanes', () => {
  it('runs the items of one lane one after the other, in the order given', async () => {
    const log: string[] = [];
    await runInLanes(
      ['a1', 'a2', 'a3'],
      () => 'a',
      4,
      async (item) => {
        log.push(`start ${item}`);
        await tick();
        log.push(`end ${item}`);
      },
    );
    expect(log).toEqual(['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
  });

  it('starts another lane while one waits', async () => {
    const log: string[] = [];
    await runInLanes(
      ['a', 'b'],
      (item) => item,
      2,
      async (item) => {
        log.push(`start ${item}`);
        await tick();
        log.push(`end ${item}`);
      },
    );
    expect(log).toEqual(['start a', 'start b', 'end a', 'end b']);
  });

  it('starts lanes in the order of their first item, each synchronously up to its first wait', async () => {
    const started: string[] = [];
    await runInLanes(
      ['x1', 'y1', 'x2', 'z1'],
      (item) => item[0]!,
      3,
      async (item) => {
        started.push(item);
        await tick();
      },
    );
    expect(started.slice(0, 3)).toEqual(['x1', 'y1', 'z1']);
  });

  it('starts nothing more after a failure, waits for the lanes running, then throws', async () => {
    const ended: string[] = [];
    const run = runInLanes(
      ['a1', 'b1', 'a2', 'c1'],
      (item) => item[0]!,
      2,
      async (item) => {
        await tick();
        if (item === 'a1') throw new Error('database away');
        await tick();
        ended.push(item);
      },
    );
    await expect(run).rejects.toThrow('database away');
    expect(ended).toEqual(['b1']);
  });

  it('keeps every lane in order and never runs more lanes at once than its width', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.nat(3)), { maxLength: 30 }),
        fc.integer({ min: 1, max: 5 }),
        async (specs, width) => {
          const items = specs.map(([lane, waits], i) => ({ lane: `l${lane}`, waits, i }));
          const done: typeof items = [];
          const busy = new Set<string>();
          let most = 0;
          await runInLanes(
            items,
            (item) => item.lane,
            width,
            async (item) => {
              expect(busy.has(item.lane)).toBe(false);
              busy.add(item.lane);
              most = Math.max(most, busy.size);
              for (let n = 0; n < item.waits; n++) await tick();
              busy.delete(item.lane);
              done.push(item);
            },
          );
          expect(done).toHaveLength(items.length);
          expect(most).toBeLessThanOrEqual(width);
          for (const lane of new Set(items.map((item) => item.lane))) {
            const order = (list: typeof items) => list.filter((x) => x.lane === lane);
            expect(order(done)).toEqual(order(items));
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('laneOf', () => {
  it('puts the SMS from and to one phone in one lane, and a request with its match', () => {
    const phone = '+33639980101';
    const inbound = { _id: 'message:in-1', type: 'message', direction: 'in', from: phone };
    const outbound = { _id: 'message:ask-x-1', type: 'message', direction: 'out', to: phone };
    expect(laneOf(inbound)).toBe(laneOf(outbound));
    expect(laneOf({ _id: 'request:marie-aller', type: 'request' })).toBe(
      laneOf({ _id: 'match:marie-aller', type: 'match' }),
    );
    expect(laneOf({ _id: 'match:marie-aller', type: 'match' })).not.toBe(
      laneOf({ _id: 'match:paul-aller', type: 'match' }),
    );
  });
});
