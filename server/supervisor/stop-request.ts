// A supervised child stops cleanly on SIGINT/SIGTERM, and when its supervisor is gone (the IPC
// channel closes, even if the supervisor was killed hard), so no part outlives `npm start`.
export function onStopRequest(stop: () => Promise<void>): void {
  let stopping = false;
  const end = async () => {
    if (stopping) return;
    stopping = true;
    await stop().catch((err) => console.error(`stopping: ${(err as Error).message}`));
    process.exit(0);
  };
  process.once('SIGINT', end);
  process.once('SIGTERM', end);
  process.once('disconnect', end);
}
