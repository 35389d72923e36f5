// What people do with the worker's tasks: which are theirs, how they are filtered, and the new
// revision of a task marked done, called without answer or reassigned. Pure: `now` is given, and
// each new revision passes mayWriteTask, the rule the /db proxy applies to it.
import {
  COORDINATORS,
  mayWriteTask,
  stampDoc,
  taskDocSchema,
  userReader,
  type AccessUser,
  type TaskDoc,
  type TaskKind,
  type TaskOutcome,
} from '../documents';

export const isOpen = (task: TaskDoc): boolean => task.doneAt === null;

/** Oldest first: the one waiting longest is called first. */
const byAge = (a: TaskDoc, b: TaskDoc) => a.createdAt.localeCompare(b.createdAt);

/** A person's own open tasks: a relay's are assigned to her, a coordinator's to nobody. */
export function openTasksOf(tasks: readonly TaskDoc[], user: AccessUser): TaskDoc[] {
  const coordinator = user.roles.includes('coordinator') || user.roles.includes('admin');
  return tasks
    .filter((t) => isOpen(t) && (t.assignee === user.name || (coordinator && t.assignee === null)))
    .sort(byAge);
}

export interface TaskFilter {
  readonly state: 'open' | 'done' | 'all';
  readonly kind: TaskKind | 'all';
  /** A relay's name, 'coordinators' (assigned to nobody), or 'all'. */
  readonly assignee: string;
}

/** The tasks a filter keeps: open ones oldest first, done ones latest done first. */
export function filterTasks(tasks: readonly TaskDoc[], f: TaskFilter): TaskDoc[] {
  const kept = tasks.filter(
    (t) =>
      (f.state === 'all' || (f.state === 'open') === isOpen(t)) &&
      (f.kind === 'all' || t.kind === f.kind) &&
      (f.assignee === 'all' ||
        (f.assignee === 'coordinators' ? t.assignee === null : t.assignee === f.assignee)),
  );
  const open = kept.filter(isOpen).sort(byAge);
  const done = kept
    .filter((t) => !isOpen(t))
    .sort((a, b) => (b.doneAt ?? '').localeCompare(a.doneAt ?? ''));
  return [...open, ...done];
}

export type TaskUpdate = { ok: true; doc: TaskDoc } | { ok: false; error: string };

function revise(old: TaskDoc, fields: Partial<TaskDoc>, user: AccessUser, now: Date): TaskUpdate {
  const doc = stampDoc({ ...old, ...fields }, { user: user.name, now }) as TaskDoc;
  const allowed = mayWriteTask(
    user,
    doc as unknown as Record<string, unknown>,
    old as unknown as Record<string, unknown>,
  );
  if (allowed !== true) return { ok: false, error: allowed };
  const parsed = taskDocSchema.safeParse(doc);
  return parsed.success ? { ok: true, doc } : { ok: false, error: 'Tâche mal formée' };
}

/** Done: the person was told, refused (the caller cancels the request), or it is simply done. */
export function completeTask(
  old: TaskDoc,
  outcome: TaskOutcome,
  user: AccessUser,
  now: Date,
): TaskUpdate {
  if (!isOpen(old)) return { ok: false, error: 'Cette tâche est déjà faite' };
  return revise(old, { doneAt: now.toISOString(), doneBy: user.name, outcome }, user, now);
}

/** Nobody answered: the task stays open, with when it was tried and by whom. */
export function recordNoAnswer(old: TaskDoc, user: AccessUser, now: Date): TaskUpdate {
  if (!isOpen(old)) return { ok: false, error: 'Cette tâche est déjà faite' };
  const attempts = [...(old.attempts ?? []), { at: now.toISOString(), by: user.name }];
  return revise(old, { attempts }, user, now);
}

/** Gives the task to a relay (her device receives it) or back to the coordinators (null). */
export function reassignTask(
  old: TaskDoc,
  assignee: string | null,
  user: AccessUser,
  now: Date,
): TaskUpdate {
  const readers = assignee === null ? [COORDINATORS] : [COORDINATORS, userReader(assignee)];
  return revise(old, { assignee, readers }, user, now);
}

const WRITTEN_PHONE = /(?:\+\d{6,15}|0\d(?: ?\d\d){4})/;

/**
 * The number to dial for a task, as a `tel:` target: the person's stored phone (E.164), else the
 * first number its text gives (an SMS sender, a callback for someone not on this device).
 */
export function phoneToCall(
  task: Pick<TaskDoc, 'text'>,
  person: { readonly phone: string | null } | undefined,
): string | null {
  if (person?.phone) return person.phone;
  const found = WRITTEN_PHONE.exec(task.text);
  return found ? found[0].replace(/ /g, '') : null;
}
