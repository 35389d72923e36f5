// People and conversations as the worker reads them.
import {
  COORDINATORS,
  WORKER,
  type ConversationDoc,
  type Person,
} from '../../src/lib/domain/documents';
import type { WorkerContext } from './context';
import { conversationId } from '../../src/lib/server/shared/hashed-ids';
import { getDoc, stamp, updateDoc } from '../../src/lib/server/shared/store';

export async function getPerson(ctx: WorkerContext, id: string): Promise<Person | null> {
  return getDoc<Person>(ctx.db, id);
}

/** The person with this phone (the oldest if several share it), or null. */
export async function personByPhone(ctx: WorkerContext, phone: string): Promise<Person | null> {
  const res = await ctx.db.view('maillage', 'people_by_phone', { key: phone, include_docs: true });
  const people = res.rows
    .map((r) => r.doc as Person | undefined)
    .filter((p): p is Person => p !== undefined)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return people[0] ?? null;
}

/** Who registered a person, to call them back: a relay or coordinator, never the worker. */
export function registeredBy(person: Person): string | null {
  return person.createdBy !== WORKER ? person.createdBy : null;
}

/** SMS can reach this person. */
export const isTextable = (p: Person | null): p is Person & { phone: string } =>
  p !== null && p.phoneKind === 'mobile' && p.phone !== null;

/** First name of a person the worker created for an unknown phone, until someone completes it. */
export const UNKNOWN_FIRST_NAME = 'Inconnu (SMS)';

export function firstNameOf(p: Person | null): string {
  if (!p || p.firstName === UNKNOWN_FIRST_NAME) return 'Quelqu’un';
  return p.firstName.trim().split(/\s+/)[0] ?? 'Quelqu’un';
}

export async function getConversation(ctx: WorkerContext, phone: string) {
  return getDoc<ConversationDoc>(ctx.db, conversationId(phone));
}

/** Read-modify-write of the conversation of a phone, created on first use. */
export async function updateConversation(
  ctx: WorkerContext,
  phone: string,
  change: (c: ConversationDoc) => ConversationDoc | null,
): Promise<ConversationDoc | null> {
  const now = ctx.clock.now();
  return updateDoc<ConversationDoc>(ctx.db, conversationId(phone), (current) => {
    const base: ConversationDoc =
      current ??
      (stamp(
        {
          _id: conversationId(phone),
          type: 'conversation' as const,
          schema: 1 as const,
          phone,
          personId: null,
          draft: null,
          draftAt: null,
          proposal: null,
          optedOut: false,
          applied: [],
        },
        now,
        [COORDINATORS],
      ) as unknown as ConversationDoc);
    const next = change(base);
    return next === null ? null : (stamp(next, now) as unknown as ConversationDoc);
  });
}
