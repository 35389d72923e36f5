// What the console reads besides the workspace's lists: the worker's tasks and the SMS that
// need a look (from the device's replica, kept current from its changes), and the parked
// documents (from the server: they are never replicated).
import type { IncomingMessageDoc, MessageDoc, TaskDoc } from '$lib/domain/documents';
import type { Workspace } from '$lib/state/workspace.svelte';
import type { Parked } from './queue';

type Db = Workspace['repo']['db'];

/** Messages the console keeps: inbound ones (a correction reads its SMS) and those stuck. */
const kept = (m: MessageDoc) =>
  m.direction === 'in' || m.state === 'failed' || m.state === 'sent-to-gateway';

export class ConsoleData {
  tasks = $state.raw<Record<string, TaskDoc>>({});
  messages = $state.raw<Record<string, MessageDoc>>({});
  parked = $state.raw<Parked[]>([]);
  loaded = $state(false);
  private stop: (() => void) | null = null;

  constructor(private readonly db: Db) {}

  async open(): Promise<void> {
    const feed = this.db
      .changes({ since: 'now', live: true, include_docs: true })
      .on('change', (change) => {
        const doc = change.doc as unknown as TaskDoc | MessageDoc | undefined;
        if (!doc || change.deleted) return;
        if (doc.type === 'task') this.tasks = { ...this.tasks, [doc._id]: doc };
        else if (doc.type === 'message') {
          const { [doc._id]: _, ...rest } = this.messages;
          this.messages = kept(doc) ? { ...rest, [doc._id]: doc } : rest;
        }
      });
    this.stop = () => feed.cancel();
    const [tasks, messages] = await Promise.all([this.range('task:'), this.range('message:')]);
    this.tasks = Object.fromEntries((tasks as TaskDoc[]).map((t) => [t._id, t]));
    this.messages = Object.fromEntries(
      (messages as MessageDoc[]).filter(kept).map((m) => [m._id, m]),
    );
    this.loaded = true;
    void this.refreshParked();
  }

  /** Documents whose id starts with `prefix`: a key range of the primary index, not a scan. */
  private async range(prefix: string): Promise<unknown[]> {
    const res = await this.db.allDocs({
      startkey: prefix,
      endkey: `${prefix}\ufff0`,
      include_docs: true,
    });
    return res.rows.map((r) => r.doc).filter((d) => d !== undefined);
  }

  async refreshParked(): Promise<void> {
    try {
      const res = await fetch('/console/parked');
      if (res.ok) this.parked = ((await res.json()) as { parked: Parked[] }).parked;
    } catch {
      // offline: the parked documents are shown again once the server answers
    }
  }

  inbound(id: string | null): IncomingMessageDoc | null {
    const m = id ? this.messages[id] : undefined;
    return m?.direction === 'in' ? m : null;
  }

  close(): void {
    this.stop?.();
  }
}
