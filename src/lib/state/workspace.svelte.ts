// The logged-in user's documents: local PouchDB, repository, live lists, and sync with /db.
// Heavy (PouchDB): loaded with import() once a session exists, through ./active-workspace.svelte.
import { systemClock } from '$lib/clock';
import { runAfterSync } from '$lib/db/after-sync';
import { journalFor } from '$lib/db/device';
import { openLocalDb, openRemoteDb, type LocalDb, type StoredDoc } from '$lib/db/pouch';
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
import { byId, byNewest, changesOfType, mergeById, mergeList, type ById } from './doc-lists';
import { fullName } from './search';
import { SyncState } from './sync.svelte';

// Changes from the local feed wait this long to be applied together (a pull brings hundreds).
const BATCH_MS = 50;

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
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a queue, not state
  private pending = new Map<string, StoredDoc | null>();
  private batch: ReturnType<typeof setTimeout> | null = null;
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
      (doc) => this.queue(doc._id, doc),
      (id) => this.queue(id, null),
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
    // What changed while the lists were read is newer than what was read.
    if (this.pending.size) this.applyPending();
    window.addEventListener('online', this.resume);
    window.addEventListener('offline', this.wentOffline);
    void this.engine.start();
  }

  /** A document changed on the device, or removed (its user may no longer read it): `doc` null. */
  private queue(id: string, doc: StoredDoc | null): void {
    this.pending.set(id, doc);
    if (this.loaded) this.batch ??= setTimeout(() => this.applyPending(), BATCH_MS);
  }

  private applyPending(): void {
    this.batch = null;
    const changes = this.pending;
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a queue, not state
    this.pending = new Map();
    const ofType = <T>(type: string) => changesOfType<T>(changes, type);
    const persons = ofType<Person>('person');
    if (persons) this.persons = mergeList(this.persons, persons);
    const trips = ofType<Trip>('trip');
    if (trips) this.trips = mergeList(this.trips, trips);
    const requests = ofType<RideRequest>('request');
    if (requests) this.requests = mergeList(this.requests, requests);
    const tasks = ofType<TaskDoc>('task');
    if (tasks) this.tasks = mergeList(this.tasks, tasks);
    const matches = ofType<MatchDoc>('match');
    if (matches) this.matches = mergeById(this.matches, matches);
    const rides = ofType<RideDoc>('ride');
    if (rides) this.rides = mergeById(this.rides, rides);
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
    if (this.batch) clearTimeout(this.batch);
    this.engine.stop();
    void this.db.close();
  }

  // Looked up for every row of a list: a map, not a scan of thousands per row.
  /* eslint-disable svelte/prefer-svelte-reactivity -- rebuilt whole when a list changes */
  private readonly personIndex = $derived(new Map(this.persons.map((d) => [d._id, d])));
  private readonly tripIndex = $derived(new Map(this.trips.map((d) => [d._id, d])));
  private readonly requestIndex = $derived(new Map(this.requests.map((d) => [d._id, d])));
  /* eslint-enable svelte/prefer-svelte-reactivity */

  person(id: string): Person | undefined {
    return this.personIndex.get(id);
  }

  trip(id: string): Trip | undefined {
    return this.tripIndex.get(id);
  }

  request(id: string): RideRequest | undefined {
    return this.requestIndex.get(id);
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
