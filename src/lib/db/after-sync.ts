// What the device does after a sync, in one place: each step runs once the pull has caught up
// (sync.ts calls runAfterSync), in this order, and a failing step does not stop the next.
import { askServer, dropUnreadable } from './drop-unreadable';
import type { LocalDb } from './pouch';

export interface AfterSyncContext {
  readonly local: LocalDb;
  /** The app's origin, for the questions a step asks of /db. */
  readonly origin: string;
  readonly fetch?: typeof fetch;
  /** Documents changed on this device that the push has not sent yet. */
  readonly waiting: ReadonlySet<string>;
}

export interface AfterSyncStep {
  readonly name: string;
  run(ctx: AfterSyncContext): Promise<void>;
}

export const AFTER_SYNC_STEPS: readonly AfterSyncStep[] = [
  {
    name: 'drop what the user may no longer read',
    run: async (ctx) => {
      await dropUnreadable(ctx.local, askServer(ctx.origin, ctx.fetch), ctx.waiting);
    },
  },
];

export async function runAfterSync(
  ctx: AfterSyncContext,
  steps: readonly AfterSyncStep[] = AFTER_SYNC_STEPS,
): Promise<void> {
  for (const step of steps) {
    try {
      await step.run(ctx);
    } catch (err) {
      // Offline again, or the server refused: the next sync tries again.
      console.warn(`[after-sync] ${step.name}:`, err);
    }
  }
}
