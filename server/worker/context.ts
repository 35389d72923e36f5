// What every handler gets: the database, the injected clock, the gateway, the places and the
// trips, their drivers' blocks, the recent asks, people and requests (cached from the feed),
// settings and a logger.
import type { ContributionSettings } from '../../src/lib/domain/contribution/contribution';
import {
  isHeldBack,
  type DeletedDoc,
  type MatchDoc,
  type Person,
  type Trip,
} from '../../src/lib/domain/documents';
import { asksIn } from '../../src/lib/domain/match/state';
import type { Commune, GazetteerData } from '../../src/lib/domain/gazetteer/types';
import type { MeetingPlace } from '../../src/lib/domain/meeting-places';
import {
  DEFAULT_DEADLINE_SETTINGS,
  type DeadlineSettings,
} from '../../src/lib/domain/match/deadline';
import {
  askWindowStart,
  recentAskWeights,
  type PastAsk,
} from '../../src/lib/domain/matching/recent-asks';
import { matchingSettings, type MatchingSettings } from '../../src/lib/domain/matching/settings';
import { buildTripIndex, type TripIndex } from '../../src/lib/domain/matching/trip-index';
import { buildPlaceLexicon, type PlaceLexicon } from '../../src/lib/domain/sms/place-lexicon';
import {
  DEFAULT_QUIET_HOURS,
  type QuietHoursSettings,
} from '../../src/lib/domain/outbox/quiet-hours';
import { DEFAULT_REMINDERS, type ReminderSettings } from '../../src/lib/domain/reminders';
import type { Clock } from '../../src/lib/clock';
import type { SmsGateway } from '../../src/lib/server/shared/gateway';
import type { Db, StoredDoc } from '../../src/lib/server/shared/store';
import type { KnownDocs } from './known-docs';
import type { RideSeats } from './ride-seats';

export interface WorkerSettings {
  readonly deadline: DeadlineSettings;
  /** Tries before an outgoing SMS is given up as failed (a coordinator task then says so). */
  readonly maxSendAttempts: number;
  /** First retry delay of a failed send; doubles each time, up to maxBackoffMs. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** A message claimed this long ago with no answer recorded is told to coordinators (a task). */
  readonly stuckAfterMinutes: number;
  /** A half-told request is forgotten after this long without an answer. */
  readonly dialogueTtlMinutes: number;
  /** Pickup window when an SMS names a day but no time ("jeudi"). */
  readonly dayWindow: { readonly earliest: string; readonly latest: string };
  /** SMS and conversations older than this are deleted (retention.ts); 0 keeps them. Default 12. */
  readonly retentionMonths?: number;
  readonly matching?: Partial<MatchingSettings>;
  readonly contribution?: ContributionSettings;
  /** No SMS at night unless about a ride soon (issue 8 point 4). */
  readonly quietHours: QuietHoursSettings;
  /** The reminder the day before a confirmed ride. */
  readonly reminders: ReminderSettings;
}

export const DEFAULT_WORKER_SETTINGS: WorkerSettings = {
  deadline: DEFAULT_DEADLINE_SETTINGS,
  maxSendAttempts: 8,
  backoffMs: 30_000,
  maxBackoffMs: 30 * 60_000,
  stuckAfterMinutes: 10,
  dialogueTtlMinutes: 24 * 60,
  dayWindow: { earliest: '07:00', latest: '19:00' },
  quietHours: DEFAULT_QUIET_HOURS,
  reminders: DEFAULT_REMINDERS,
};

export class Places {
  readonly byInsee: ReadonlyMap<string, Commune>;
  readonly lexicon: PlaceLexicon;
  constructor(
    data: GazetteerData,
    /** Imported carpooling places, offered as meeting points (meeting-places.ts). */
    readonly meetingPlaces: readonly MeetingPlace[] = [],
  ) {
    this.byInsee = new Map(data.communes.map((c) => [c.insee, c]));
    this.lexicon = buildPlaceLexicon(data);
  }
  name(insee: string): string {
    return this.byInsee.get(insee)?.name ?? insee;
  }
  readonly lookup = (insee: string) => {
    const c = this.byInsee.get(insee);
    return c ? { lon: c.lon, lat: c.lat } : undefined;
  };
}

/**
 * Every trip, kept current from the changes feed, with the search index rebuilt when one changed,
 * and whether each driver is blocked (from their person document, read once, then from the feed).
 */
export class TripCache {
  private readonly trips = new Map<string, Trip>();
  private index: TripIndex<Trip> | null = null;
  /** Trips per driver, and the drivers whose person document was never read. */
  private readonly tripsOf = new Map<string, number>();
  private readonly unread = new Set<string>();
  private readonly known = new Set<string>();
  private readonly blocked = new Set<string>();
  constructor(private readonly places: Places) {}

  apply(doc: Trip | DeletedDoc): void {
    const old = this.trips.get(doc._id);
    if (old) this.countTrip(old.driverId, -1);
    if ('_deleted' in doc) this.trips.delete(doc._id);
    else {
      this.trips.set(doc._id, doc);
      this.countTrip(doc.driverId, 1);
    }
    this.index = null;
  }

  get(id: string): Trip | undefined {
    return this.trips.get(id);
  }

  /** A person written or deleted: kept when they drive (a deleted one is asked no more anyway). */
  applyPerson(doc: Person | DeletedDoc): void {
    if (!this.known.has(doc._id) && !this.tripsOf.has(doc._id)) return;
    this.known.add(doc._id);
    this.unread.delete(doc._id);
    if ('type' in doc && isHeldBack(doc)) this.blocked.add(doc._id);
    else this.blocked.delete(doc._id);
  }

  /** Drivers with a trip whose person document was never read: read them before a search. */
  driversToRead(): string[] {
    return [...this.unread];
  }

  /** The trips of a driver the feed brought (PAUSE: the view may not show one just declared). */
  tripIdsOf(driverId: string): string[] {
    return [...this.trips.values()].filter((t) => t.driverId === driverId).map((t) => t._id);
  }

  blockedDrivers(): ReadonlySet<string> {
    return this.blocked;
  }

  searchIndex(settings?: Partial<MatchingSettings>): TripIndex<Trip> {
    this.index ??= buildTripIndex(
      [...this.trips.values()],
      this.places.lookup,
      matchingSettings(settings),
    );
    return this.index;
  }

  private countTrip(driverId: string, delta: 1 | -1) {
    const n = (this.tripsOf.get(driverId) ?? 0) + delta;
    if (n > 0) this.tripsOf.set(driverId, n);
    else {
      this.tripsOf.delete(driverId);
      this.unread.delete(driverId);
    }
    if (n > 0 && !this.known.has(driverId)) this.unread.add(driverId);
  }
}

/**
 * The questions drivers got lately, by match (fairness): read once from the `asks_by_time` view,
 * then kept current from the changes feed, so a search reads no view.
 */
export class AskHistory {
  private readonly byMatch = new Map<string, readonly PastAsk[]>();
  private loaded = false;

  apply(match: Pick<MatchDoc, '_id' | 'state'>): void {
    const asks = asksIn(match.state);
    if (asks.length > 0) this.byMatch.set(match._id, asks);
    else this.byMatch.delete(match._id);
  }

  /** Reads the asks made since `since` the first time it is called. */
  async load(db: Db, since: string): Promise<void> {
    if (this.loaded) return;
    const res = await db.view('worker', 'asks_by_time', { startkey: since });
    const found = new Map<string, PastAsk[]>();
    for (const row of res.rows) {
      const asks = found.get(row.id) ?? [];
      asks.push({ at: row.key as string, driverId: row.value as string });
      found.set(row.id, asks);
    }
    for (const [id, asks] of found) this.byMatch.set(id, asks);
    this.loaded = true;
  }

  /** Driver id → weight of their recent asks; forgets matches asked nothing within the window. */
  weights(now: Date, settings: MatchingSettings): Map<string, number> {
    const since = askWindowStart(now, settings);
    for (const [id, asks] of this.byMatch)
      if (asks.every((a) => a.at < since)) this.byMatch.delete(id);
    return recentAskWeights([...this.byMatch.values()].flat(), now, settings);
  }
}

export interface WorkerContext {
  /** The worker's name (its checkpoint's): who holds a lease on an inbound SMS. */
  readonly name: string;
  readonly db: Db;
  readonly clock: Clock;
  readonly gateway: SmsGateway;
  readonly places: Places;
  readonly trips: TripCache;
  readonly asks: AskHistory;
  /** Seats taken by confirmed rides, per date (ride-seats.ts). */
  readonly seats: RideSeats;
  /** People and requests as last seen (known-docs.ts). */
  readonly known: KnownDocs;
  readonly settings: WorkerSettings;
  log(line: string): void;
  /**
   * A document this worker just wrote and won: it goes through the handlers as soon as the
   * change being handled is done, instead of one trip through the feed later (which then skips
   * that revision).
   */
  wrote(doc: StoredDoc & { readonly _rev: string }): void;
}
