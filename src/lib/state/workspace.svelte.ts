// The logged-in user's documents: local PouchDB, repository, live lists, and sync with /db.
// Heavy (PouchDB): loaded with import() once a session exists, through ./active-workspace.svelte.
import { systemClock } from '$lib/clock';
import { runAfterSync } from '$lib/db/after-sync';
import { journalFor } from '$lib/db/device';
import { openLocalDb, openRemoteDb, type LocalDb } from '$lib/db/pouch';
import { Repository } from '$lib/db/repository';
import { SyncEngine } from '$lib/db/sync';
import type {
  AccessUser,
  MatchDoc,
  Person,
  RideDoc,
  RideRequest,
  TaskDoc,
  Trip,
} from '$lib/domain/documents';
import { matchIdOf } from '$lib/domain/ids';
import { confirmedRideId, requestStatus, type RequestStatus } from '$lib/domain/request-status';
import { fullName } from './search';
import { SyncState } from './sync.svelte';

function byNewest<T extends { createdAt: string }>(a: T, b: T): number {
  return b.createdAt.localeCompare(a.createdAt);
}

function upsert<T extends { _id: string; createdAt: string }>(list: readonly T[], doc: T): T[] {
  return [doc, ...list.filter((d) => d._id !== doc._id)].sort(byNewest);
}

type ById<T> = Readonly<Record<string, T>>;

function byId<T extends { _id: string }>(docs: readonly T[]): ById<T> {
  return Object.fromEntries(docs.map((d) => [d._id, d]));
}

export class Workspace {
  persons = $state.raw<Person[]>([]);
  trips = $state.raw<Trip[]>([]);
  requests = $state.raw<RideRequest[]>([]);
  /** The worker's documents, by id (replicated from the server, read only here). */
  matches = $state.raw<ById<MatchDoc>>({});
  rides = $state.raw<ById<RideDoc>>({});
  /** Tasks the worker wrote for this user (or, for coordinators, everyone's). */
  tasks = $state.raw<TaskDoc[]>([]);
  /** Epoch ms, ticking every minute, so that statuses turn "passée" without a change. */
  now = $state(systemClock.now().getTime());
  private clock: ReturnType<typeof setInterval> | null = null;
  loaded = $state(false);
  readonly sync = new SyncState();
  readonly repo: Repository;
  private readonly db: LocalDb;
  private readonly engine: SyncEngine;
  private stopWatching: (() => void) | null = null;
  private readonly resume = () => {
    this.sync.online = navigator.onLine;
    if (navigator.onLine) void this.engine.start();
  };
  private readonly wentOffline = () => {
    this.sync.online = false;
  };

  constructor(readonly user: AccessUser) {
    this.db = openLocalDb(user.name);
    const journal = journalFor(user.name, systemClock);
    this.repo = new Repository(this.db, user, (ids) => journal.markWritten(ids));
    this.engine = new SyncEngine(
      this.db,
      openRemoteDb(location.origin),
      journal,
      (snapshot) => this.sync.apply(snapshot),
      systemClock,
      (waiting) => runAfterSync({ local: this.db, origin: location.origin, waiting }),
    );
  }

  async open(): Promise<void> {
    this.stopWatching = this.repo.watch(
      (doc) => {
        if (doc.type === 'person') this.persons = upsert(this.persons, doc as unknown as Person);
        else if (doc.type === 'trip') this.trips = upsert(this.trips, doc as unknown as Trip);
        else if (doc.type === 'request')
          this.requests = upsert(this.requests, doc as unknown as RideRequest);
        else if (doc.type === 'match')
          this.matches = { ...this.matches, [doc._id]: doc as unknown as MatchDoc };
        else if (doc.type === 'ride')
          this.rides = { ...this.rides, [doc._id]: doc as unknown as RideDoc };
        else if (doc.type === 'task') this.tasks = upsert(this.tasks, doc as unknown as TaskDoc);
      },
      (id) => this.forget(id),
    );
    const [persons, trips, requests, matches, rides, tasks] = await Promise.all([
      this.repo.list('person'),
      this.repo.list('trip'),
      this.repo.list('request'),
      this.repo.list('match'),
      this.repo.list('ride'),
      this.repo.list('task'),
    ]);
    this.persons = persons.sort(byNewest);
    this.trips = trips.sort(byNewest);
    this.requests = requests.sort(byNewest);
    this.matches = byId(matches);
    this.rides = byId(rides);
    this.tasks = tasks.sort(byNewest);
    this.clock = setInterval(() => (this.now = systemClock.now().getTime()), 60_000);
    this.loaded = true;
    window.addEventListener('online', this.resume);
    window.addEventListener('offline', this.wentOffline);
    void this.engine.start();
  }

  /** A document removed from the device (its user may no longer read it) leaves every list. */
  private forget(id: string): void {
    const type = id.slice(0, id.indexOf(':'));
    if (type === 'person') this.persons = this.persons.filter((d) => d._id !== id);
    else if (type === 'trip') this.trips = this.trips.filter((d) => d._id !== id);
    else if (type === 'request') this.requests = this.requests.filter((d) => d._id !== id);
    else if (type === 'task') this.tasks = this.tasks.filter((d) => d._id !== id);
    else if (type === 'match' || type === 'ride') {
      const { [id]: _gone, ...rest } = type === 'match' ? this.matches : this.rides;
      if (type === 'match') this.matches = rest as ById<MatchDoc>;
      else this.rides = rest as ById<RideDoc>;
    }
  }

  /** Starts the replications again now rather than at the next retry. */
  retry(): void {
    void this.engine.start();
  }

  close(): void {
    window.removeEventListener('online', this.resume);
    window.removeEventListener('offline', this.wentOffline);
    this.stopWatching?.();
    if (this.clock) clearInterval(this.clock);
    this.engine.stop();
    void this.db.close();
  }

  person(id: string): Person | undefined {
    return this.persons.find((p) => p._id === id);
  }

  trip(id: string): Trip | undefined {
    return this.trips.find((t) => t._id === id);
  }

  request(id: string): RideRequest | undefined {
    return this.requests.find((r) => r._id === id);
  }

  /** Where a request stands, from the worker's match and ride on this device. */
  statusOf(request: RideRequest): RequestStatus {
    const match = this.matches[matchIdOf(request._id)] ?? null;
    const rideId = confirmedRideId(match);
    const ride = rideId ? (this.rides[rideId] ?? null) : null;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a value, read once
    return requestStatus(request, match, ride, new Date(this.now));
  }

  /** A person's first name, or null when the person is not on this device. */
  firstNameOf(id: string): string | null {
    return this.person(id)?.firstName ?? null;
  }

  /** The person's full name, or null when the person is not on this device. */
  nameOf(id: string): string | null {
    const person = this.person(id);
    return person ? fullName(person) : null;
  }
}

// Plain (not $state): it is set from $derived expressions, which may not write state.
let current: Workspace | null = null;

/** The workspace of `user`, opened on first use; another user closes the previous one. */
export function workspaceFor(user: AccessUser): Workspace {
  if (current?.user.name === user.name) return current;
  current?.close();
  const ws = new Workspace(user);
  current = ws;
  void ws.open();
  return ws;
}

export function closeWorkspace(): void {
  current?.close();
  current = null;
}
