// People and conversations as the worker reads them.
import { COORDINATORS, type ConversationDoc, type Person } from '../../src/lib/domain/documents';
import type { WorkerContext } from './context';
import { conversationId, smsPersonId } from '../../src/lib/server/shared/hashed-ids';
import { getDoc, stamp, updateDoc } from '../../src/lib/server/shared/store';

/** A person as last seen (read by id the first time). */
export async function getPerson(ctx: WorkerContext, id: string): Promise<Person | null> {
  return ctx.known.read<Person>(ctx.db, id, 'person');
}

/**
 * The person with this phone (the oldest if several share it), or null. The one the worker made
 * for an unknown phone is read by id when the view has nobody: it may not show it yet.
 */
export async function personByPhone(ctx: WorkerContext, phone: string): Promise<Person | null> {
  const res = await ctx.db.view('maillage', 'people_by_phone', { key: phone, include_docs: true });
  const people = res.rows
    .map((r) => r.doc as Person | undefined)
    .filter((p): p is Person => p !== undefined)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return people[0] ?? (await getDoc<Person>(ctx.db, smsPersonId(phone)));
}

export async function getConversation(ctx: WorkerContext, phone: string) {
  return getDoc<ConversationDoc>(ctx.db, conversationId(phone));
}

/** Read-modify-write of the conversation of a phone, created on first use. */
export async function updateConversation(
  ctx: WorkerContext,
  phone: string,
  change: (c: ConversationDoc) => ConversationDoc | null,
  read?: { readonly current: (ConversationDoc & { _rev: string }) | null },
): Promise<ConversationDoc | null> {
  const now = ctx.clock.now();
  return updateDoc<ConversationDoc>(
    ctx.db,
    conversationId(phone),
    (current) => {
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
    },
    undefined,
    read,
  );
}
