// Hands one outgoing SMS to the gateway, at most once. The claim is a write of
// `sent-to-gateway` with the _rev the sender read: a 409 means another worker has it. Only then
// is the gateway called, so a worker killed after the claim never hands it over again (the
// message stays `sent-to-gateway`, visible to coordinators). A gateway that is down gets the
// message back to `pending` with a backoff; after maxSendAttempts it is `failed` and a
// coordinator gets a task.
import type { OutgoingMessageDoc } from '../../src/lib/domain/documents';
import type { WorkerContext } from './context';
import { taskId } from '../../src/lib/domain/ids';
import { createTask } from './outbox';
import { putDoc, stamp } from '../../src/lib/server/shared/store';
import { applyKeptReports } from '../../src/lib/server/shared/record-sms';

type Stored = OutgoingMessageDoc & { _rev: string };

export function isDue(doc: OutgoingMessageDoc, now: Date): boolean {
  return (
    doc.state === 'pending' &&
    (doc.notBefore === null || Date.parse(doc.notBefore) <= now.getTime())
  );
}

export async function sendMessage(ctx: WorkerContext, doc: Stored): Promise<void> {
  const now = ctx.clock.now();
  if (!isDue(doc, now)) return;
  const attempts = doc.attempts + 1;
  const claimed = {
    ...doc,
    state: 'sent-to-gateway' as const,
    attempts,
    gateway: ctx.gateway.name,
    history: [
      ...doc.history,
      { state: 'sent-to-gateway', at: now.toISOString(), by: ctx.gateway.name },
    ],
  };
  const rev = await putDoc(ctx.db, stamp(claimed, now));
  if (rev === false) return; // another worker claimed it
  let outcome;
  try {
    outcome = await ctx.gateway.send({ id: doc._id, to: doc.to, text: doc.text });
  } catch (err) {
    outcome = { ok: false as const, retryable: true, error: (err as Error).message };
  }
  const at = ctx.clock.now();
  let next: OutgoingMessageDoc;
  if (outcome.ok) {
    next = {
      ...claimed,
      _rev: rev,
      state: 'sent',
      gatewayRef: outcome.gatewayRef,
      error: null,
      history: [...claimed.history, { state: 'sent', at: at.toISOString() }],
    } as OutgoingMessageDoc;
  } else if (outcome.retryable && attempts < ctx.settings.maxSendAttempts) {
    const delay = Math.min(ctx.settings.backoffMs * 2 ** (attempts - 1), ctx.settings.maxBackoffMs);
    next = {
      ...claimed,
      _rev: rev,
      state: 'pending',
      notBefore: new Date(at.getTime() + delay).toISOString(),
      error: outcome.error,
      history: [
        ...claimed.history,
        { state: 'pending', at: at.toISOString(), error: outcome.error },
      ],
    } as OutgoingMessageDoc;
    ctx.log(
      `${doc._id}: gateway refused (${outcome.error}), retry in ${Math.round(delay / 1000)} s`,
    );
  } else {
    next = {
      ...claimed,
      _rev: rev,
      state: 'failed',
      error: outcome.error,
      history: [
        ...claimed.history,
        { state: 'failed', at: at.toISOString(), error: outcome.error },
      ],
    } as OutgoingMessageDoc;
  }
  // Nobody else writes a claimed message except a delivery report, which only moves it forward.
  if ((await putDoc(ctx.db, stamp(next, at))) === false)
    ctx.log(`${doc._id}: state after sending not recorded (changed meanwhile)`);
  else if (outcome.ok) await applyKeptReports(ctx.db, outcome.gatewayRef, at);
  if (next.state === 'failed') {
    await createTask(ctx, {
      id: taskId('sms-failed', doc._id),
      kind: 'stuck-sms',
      assignee: null,
      personId: doc.personId,
      requestId: null,
      messageId: doc._id,
      text: `SMS non envoyé à ${doc.to} après ${attempts} essais (${next.error ?? 'erreur'}) : « ${doc.text} »`,
    });
  }
}
