// The documents a match's effects ask for, before they are stamped and written: outgoing SMS,
// tasks and rides, with the deterministic ids that make writing them twice a no-op.
import type { Person, RideDoc, RideRequest, TaskKind } from '../documents';
import { outMessageId, taskId } from '../ids';

export interface SmsToSend {
  readonly id: string;
  readonly to: string;
  readonly text: string;
  /** What it is for ("ask", "confirm-driver"…), for the inbox and statistics. */
  readonly purpose: string;
  readonly personId: string | null;
  readonly relatedId: string | null;
}

export interface TaskToCreate {
  readonly id: string;
  readonly kind: TaskKind;
  readonly text: string;
  /** A relay's user name, or null for the coordinators. */
  readonly assignee: string | null;
  readonly personId: string | null;
  readonly requestId: string | null;
  readonly messageId: string | null;
}

/** A ride as the worker creates it; the stamps and readers are added when it is written. */
export type NewRide = Omit<
  RideDoc,
  '_rev' | 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'readers'
>;

/** An SMS about a match, named after its purpose and the attempt it is about. */
export function smsAbout(
  matchId: string,
  idPurpose: string,
  purpose: string,
  to: Person & { phone: string },
  text: string,
  attempt?: number,
): SmsToSend {
  return {
    id: outMessageId(idPurpose, matchId, attempt),
    to: to.phone,
    text,
    purpose,
    personId: to._id,
    relatedId: matchId,
  };
}

/** A task about a match's request, for its passenger. */
export function taskAbout(
  matchId: string,
  request: Pick<RideRequest, '_id' | 'passengerId'>,
  idKind: string,
  kind: TaskKind,
  assignee: string | null,
  text: string,
  attempt?: number,
): TaskToCreate {
  return {
    id: taskId(idKind, matchId, attempt),
    kind,
    text,
    assignee,
    personId: request.passengerId,
    requestId: request._id,
    messageId: null,
  };
}
