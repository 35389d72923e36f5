// What every handler gets: the database, the injected clock, the gateway, the places and the
// trips and their drivers' blocks (cached from the feed), settings and a logger.
import type { ContributionSettings } from '../../src/lib/domain/contribution/contribution';
import type { DeletedDoc, Person, Trip } from '../../src/lib/domain/documents';
import type { Commune, GazetteerData } from '../../src/lib/domain/gazetteer/types';
import { buildGazetteerIndex, searchCommunes } from '../../src/lib/domain/gazetteer/search';
import {
  DEFAULT_DEADLINE_SETTINGS,
  type DeadlineSettings,
} from '../../src/lib/domain/match/deadline';
import { matchingSettings, type MatchingSettings } from '../../src/lib/domain/matching/settings';
import { buildTripIndex, type TripIndex } from '../../src/lib/domain/matching/trip-index';
import { buildPlaceLexicon, type PlaceLexicon } from '../../src/lib/domain/sms/place-lexicon';
import type { Clock } from '../../src/lib/clock';
import type { SmsGateway } from '../../src/lib/server/shared/gateway';
import type { Db } from '../../src/lib/server/shared/store';

export interface WorkerSettings {
  readonly deadline: DeadlineSettings;
  /** Tries before an outgoing SMS is given up as failed (a coordinator task then says so). */
  readonly maxSendAttempts: number;
  /** First retry delay of a failed send; doubles each time, up to maxBackoffMs. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  /** A half-told request is forgotten after this long without an answer. */
  readonly dialogueTtlMinutes: number;
  /** Pickup window when an SMS names a day but no time ("jeudi"). */
  readonly dayWindow: { readonly earliest: string; readonly latest: string };
  readonly matching?: Partial<MatchingSettings>;
  readonly contribution?: ContributionSettings;
}

export const DEFAULT_WORKER_SETTINGS: WorkerSettings = {
  deadline: DEFAULT_DEADLINE_SETTINGS,
  maxSendAttempts: 8,
  backoffMs: 30_000,
  maxBackoffMs: 30 * 60_000,
  dialogueTtlMinutes: 24 * 60,
  dayWindow: { earliest: '07:00', latest: '19:00' },
};

export class Places {
  readonly byInsee: ReadonlyMap<string, Commune>;
  readonly lexicon: PlaceLexicon;
  constructor(data: GazetteerData) {
    this.byInsee = new Map(data.communes.map((c) => [c.insee, c]));
    const index = buildGazetteerIndex(data);
    this.lexicon = buildPlaceLexicon(data, {
      search: (query, limit) => searchCommunes(index, query, limit),
      searchThreshold: 0.94,
    });
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
  private drivers: Set<string> | null = null;
  private readonly driverBlocked = new Map<string, boolean>();
  private blocked: Set<string> | null = null;
  constructor(private readonly places: Places) {}

  apply(doc: Trip | DeletedDoc): void {
    if ('_deleted' in doc) this.trips.delete(doc._id);
    else this.trips.set(doc._id, doc);
    this.index = null;
    this.drivers = null;
  }

  /** A person written or deleted: kept when they drive (a deleted one is asked no more anyway). */
  applyPerson(doc: Person | DeletedDoc): void {
    if (!this.driverBlocked.has(doc._id) && !this.driverIds().has(doc._id)) return;
    this.driverBlocked.set(doc._id, 'blocked' in doc && doc.blocked === true);
    this.blocked = null;
  }

  /** Drivers with a trip whose person document was never read: read them before a search. */
  driversToRead(): string[] {
    return [...this.driverIds()].filter((id) => !this.driverBlocked.has(id));
  }

  blockedDrivers(): ReadonlySet<string> {
    this.blocked ??= new Set(
      [...this.driverBlocked].filter(([, blocked]) => blocked).map(([id]) => id),
    );
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

  private driverIds(): ReadonlySet<string> {
    this.drivers ??= new Set([...this.trips.values()].map((t) => t.driverId));
    return this.drivers;
  }
}

export interface WorkerContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly gateway: SmsGateway;
  readonly places: Places;
  readonly trips: TripCache;
  readonly settings: WorkerSettings;
  log(line: string): void;
}
