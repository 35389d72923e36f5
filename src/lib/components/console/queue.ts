// The coordinator's queue: what needs a person now, read from the documents on the device.
// Pure: the page passes the documents and `now`; each row says what to open to act on it.
import type {
  MatchDoc,
  MessageDoc,
  OutgoingMessageDoc,
  RideRequest,
  TaskDoc,
} from '$lib/domain/documents';
import { matchIdOf } from '$lib/domain/ids';
import { instantOf } from '$lib/domain/match/deadline';

export type QueueKind = 'sms' | 'no-driver' | 'callback' | 'unconfirmed' | 'sms-failed' | 'parked';

/** Where the coordinator acts on a row. */
export type QueueTarget =
  | { readonly page: 'correction'; readonly taskId: string }
  | { readonly page: 'request'; readonly requestId: string }
  | { readonly page: 'person'; readonly personId: string }
  | { readonly page: 'phone' }
  | { readonly page: 'none' };

export interface QueueRow {
  readonly kind: QueueKind;
  readonly id: string;
  /** French, one line. */
  readonly text: string;
  /** ISO instant the row is sorted on (oldest first: it has waited longest). */
  readonly at: string;
  readonly target: QueueTarget;
}

export interface Parked {
  readonly id: string;
  readonly handler: string;
  readonly error: string;
  readonly at: string;
}

export interface QueueFacts {
  readonly tasks: readonly TaskDoc[];
  readonly messages: readonly MessageDoc[];
  readonly requests: readonly RideRequest[];
  readonly matches: Readonly<Record<string, MatchDoc>>;
  readonly parked: readonly Parked[];
  readonly now: Date;
  /** An open callback task older than this is late (default 2 hours). */
  readonly callbackLateMinutes?: number;
}

const HOUR = 3600_000;

function ofRequest(requestId: string | null): QueueTarget {
  return requestId ? { page: 'request', requestId } : { page: 'none' };
}

function taskRows(f: QueueFacts): QueueRow[] {
  const late = (f.callbackLateMinutes ?? 120) * 60_000;
  const rows: QueueRow[] = [];
  for (const task of f.tasks) {
    if (task.doneAt !== null) continue;
    const base = { id: task._id, text: task.text, at: task.createdAt };
    if (task.kind === 'read-sms')
      rows.push({ ...base, kind: 'sms', target: { page: 'correction', taskId: task._id } });
    else if (task.kind === 'stuck-sms')
      rows.push({
        ...base,
        kind: 'sms-failed',
        target: task.personId ? { page: 'person', personId: task.personId } : { page: 'phone' },
      });
    else if (task.kind === 'callback' && f.now.getTime() - Date.parse(task.createdAt) >= late)
      rows.push({ ...base, kind: 'callback', target: ofRequest(task.requestId) });
  }
  return rows;
}

function requestRows(f: QueueFacts): QueueRow[] {
  const rows: QueueRow[] = [];
  const now = f.now.getTime();
  for (const request of f.requests) {
    if (request.cancelledAt !== null) continue;
    const end = instantOf(request.date, request.latest).getTime();
    if (end < now) continue; // past: nothing left to do
    const match = f.matches[matchIdOf(request._id)];
    const state = match?.state.status;
    const target = ofRequest(request._id);
    if (state === 'unmatched')
      rows.push({
        kind: 'no-driver',
        id: request._id,
        text: match!.state.status === 'unmatched' ? match!.state.reason : '',
        at: match!.updatedAt,
        target,
      });
    else if (state !== 'confirmed' && state !== 'cancelled') {
      const start = instantOf(request.date, request.earliest).getTime();
      if (start - now <= 24 * HOUR)
        rows.push({
          kind: 'unconfirmed',
          id: request._id,
          text:
            state === 'asking' ? 'Conducteur sollicité, sans réponse' : 'Pas encore de conducteur',
          at: new Date(start).toISOString(),
          target,
        });
    }
  }
  return rows;
}

const isStuckOut = (m: MessageDoc): m is OutgoingMessageDoc =>
  m.direction === 'out' && (m.state === 'failed' || m.state === 'sent-to-gateway');

function messageRows(f: QueueFacts, seen: ReadonlySet<string>): QueueRow[] {
  return f.messages
    .filter(isStuckOut)
    .filter((m) => !seen.has(m._id))
    .map((m) => ({
      kind: 'sms-failed' as const,
      id: m._id,
      text:
        m.state === 'failed'
          ? `SMS non envoyé${m.error ? ` : ${m.error}` : ''}`
          : 'SMS remis à la passerelle, sans réponse',
      at: m.updatedAt,
      target: m.personId
        ? { page: 'person' as const, personId: m.personId }
        : { page: 'phone' as const },
    }));
}

/** Every row of the queue, grouped in the order of QUEUE_KINDS, oldest first in each group. */
export function buildQueue(f: QueueFacts): QueueRow[] {
  const tasks = taskRows(f);
  // A stuck-sms task already names its message: the message is not shown a second time.
  const named = new Set(
    f.tasks
      .filter((t) => t.kind === 'stuck-sms' && t.doneAt === null)
      .map((t) => t.messageId ?? ''),
  );
  const parked = f.parked.map((p) => ({
    kind: 'parked' as const,
    id: p.id,
    text: `${p.handler} : ${p.error}`,
    at: p.at,
    target: { page: 'none' as const },
  }));
  const rows = [...tasks, ...requestRows(f), ...messageRows(f, named), ...parked];
  const order = (k: QueueKind) => QUEUE_KINDS.findIndex((q) => q.kind === k);
  return rows.sort(
    (a, b) => order(a.kind) - order(b.kind) || a.at.localeCompare(b.at) || a.id.localeCompare(b.id),
  );
}

/** The queue's groups, their French titles, in the order shown. */
export const QUEUE_KINDS: readonly { readonly kind: QueueKind; readonly title: string }[] = [
  { kind: 'sms', title: 'SMS non compris' },
  { kind: 'no-driver', title: 'Demandes sans conducteur' },
  { kind: 'callback', title: 'Rappels en retard' },
  { kind: 'unconfirmed', title: 'Trajets des prochaines 24 h non confirmés' },
  { kind: 'sms-failed', title: 'SMS en échec ou bloqués' },
  { kind: 'parked', title: 'Documents mis de côté par le serveur' },
];
