import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TASK_KINDS, type TaskDoc } from '../documents';
import {
  completeTask,
  filterTasks,
  isOpen,
  openTasksOf,
  phoneToCall,
  reassignTask,
  recordNoAnswer,
} from './tasks';

const sophie = { name: 'sophie', roles: ['relay'] };
const marc = { name: 'marc', roles: ['relay'] };
const claire = { name: 'claire', roles: ['coordinator'] };
const now = new Date('2026-12-01T10:42:00.000Z');

function task(id: string, extra: Partial<TaskDoc> = {}): TaskDoc {
  return {
    _id: `task:${id}`,
    _rev: '1-a',
    type: 'task',
    schema: 1,
    createdAt: '2026-12-01T09:00:00.000Z',
    createdBy: 'worker',
    updatedAt: '2026-12-01T09:00:00.000Z',
    updatedBy: 'worker',
    readers: ['role:coordinator', 'user:sophie'],
    kind: 'callback',
    text: 'Appeler Marie au 05 65 40 12 34 : Christine passe la prendre',
    assignee: 'sophie',
    personId: 'person:marie01',
    requestId: 'request:abc123',
    messageId: null,
    doneAt: null,
    doneBy: null,
    ...extra,
  };
}

describe('whose tasks', () => {
  it('gives a relay her open tasks, oldest first, and coordinators those assigned to nobody', () => {
    const tasks = [
      task('b', { createdAt: '2026-12-01T09:30:00.000Z' }),
      task('a'),
      task('done', { doneAt: now.toISOString(), doneBy: 'sophie' }),
      task('marc', { assignee: 'marc' }),
      task('coord', { assignee: null, kind: 'read-sms' }),
    ];
    expect(openTasksOf(tasks, sophie).map((t) => t._id)).toEqual(['task:a', 'task:b']);
    expect(openTasksOf(tasks, claire).map((t) => t._id)).toEqual(['task:coord']);
  });

  it('filters by state, kind and assignee, never keeping a task the filter excludes (property)', () => {
    const arbTask = fc.record({
      id: fc.string({ minLength: 1, maxLength: 8 }).map((s) => s.replace(/[^A-Za-z0-9]/g, 'x')),
      kind: fc.constantFrom(...TASK_KINDS),
      assignee: fc.constantFrom('sophie', 'marc', null),
      done: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(arbTask, { maxLength: 20 }),
        fc.constantFrom('open', 'done', 'all' as const),
        fc.constantFrom('all', ...TASK_KINDS),
        fc.constantFrom('all', 'coordinators', 'sophie'),
        (specs, state, kind, assignee) => {
          const tasks = specs.map((s) =>
            task(s.id, {
              kind: s.kind,
              assignee: s.assignee,
              doneAt: s.done ? now.toISOString() : null,
            }),
          );
          const kept = filterTasks(tasks, { state, kind, assignee });
          for (const t of kept) {
            if (state !== 'all') expect(isOpen(t)).toBe(state === 'open');
            if (kind !== 'all') expect(t.kind).toBe(kind);
            if (assignee === 'coordinators') expect(t.assignee).toBeNull();
            if (assignee === 'sophie') expect(t.assignee).toBe('sophie');
          }
          const all = filterTasks(tasks, { state: 'all', kind: 'all', assignee: 'all' });
          expect(all).toHaveLength(tasks.length);
          // Open ones come before done ones.
          const firstDone = all.findIndex((t) => !isOpen(t));
          if (firstDone >= 0) expect(all.slice(firstDone).every((t) => !isOpen(t))).toBe(true);
        },
      ),
    );
  });
});

describe('what a relay does with a task', () => {
  it('marks it done with the outcome, by her, now', () => {
    const result = completeTask(task('a'), 'told', sophie, now);
    expect(result).toMatchObject({
      ok: true,
      doc: {
        doneAt: now.toISOString(),
        doneBy: 'sophie',
        outcome: 'told',
        updatedBy: 'sophie',
        createdBy: 'worker',
        text: task('a').text,
      },
    });
    if (result.ok) expect(completeTask(result.doc, 'told', sophie, now).ok).toBe(false);
  });

  it('keeps it open after a call nobody answered, each attempt with its time', () => {
    const first = recordNoAnswer(task('a'), sophie, now);
    if (!first.ok) throw new Error(first.error);
    const later = new Date('2026-12-01T14:00:00.000Z');
    const second = recordNoAnswer(first.doc, sophie, later);
    if (!second.ok) throw new Error(second.error);
    expect(isOpen(second.doc)).toBe(true);
    expect(second.doc.attempts).toEqual([
      { at: now.toISOString(), by: 'sophie' },
      { at: later.toISOString(), by: 'sophie' },
    ]);
  });

  it('cannot do another relay’s task', () => {
    expect(completeTask(task('a'), 'told', marc, now)).toMatchObject({ ok: false });
    expect(recordNoAnswer(task('a'), marc, now)).toMatchObject({ ok: false });
  });
});

describe('reassigning a task', () => {
  it('lets a coordinator give it to another relay, whose device then receives it', () => {
    const result = reassignTask(task('a'), 'marc', claire, now);
    expect(result).toMatchObject({
      ok: true,
      doc: { assignee: 'marc', readers: ['role:coordinator', 'user:marc'] },
    });
    expect(reassignTask(task('a'), null, claire, now)).toMatchObject({
      ok: true,
      doc: { assignee: null, readers: ['role:coordinator'] },
    });
  });

  it('is refused to a relay', () => {
    expect(reassignTask(task('a'), 'marc', sophie, now)).toMatchObject({ ok: false });
  });
});

describe('the number to call', () => {
  it('is the person’s stored phone, else the first number the text gives, else none', () => {
    expect(phoneToCall(task('a'), { phone: '+33565401234' })).toBe('+33565401234');
    expect(phoneToCall(task('a'), undefined)).toBe('0565401234');
    expect(phoneToCall({ text: 'SMS non compris (+32470123456) : « ?! »' }, undefined)).toBe(
      '+32470123456',
    );
    expect(phoneToCall({ text: 'Prévenir Marie (sans téléphone) : 8h47' }, { phone: null })).toBe(
      null,
    );
  });
});
