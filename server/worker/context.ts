// What every handler gets: the database, the injected clock, the gateway, the places and the
// trips (cached from the feed), settings and a logger.
import type { ContributionSettings } from '../../src/lib/domain/contribution/contribution';
import type { Trip } from '../../src/lib/domain/documents';
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
  /** A message claimed this long ago with no answer recorded is told to coordinators (a task). */
  readonly stuckAfterMinutes: number;
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
  stuckAfterMinutes: 10,
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

/** Every trip, kept current from the changes feed; the search index is rebuilt when it changed. */
export class TripCache {
  private readonly trips = new Map<string, Trip>();
  private index: TripIndex<Trip> | null = null;
  constructor(private readonly places: Places) {}

  apply(doc: { _id: string; _deleted?: boolean; type?: string }): void {
    if (doc._deleted) this.trips.delete(doc._id);
    else if (doc.type === 'trip') this.trips.set(doc._id, doc as unknown as Trip);
    else return;
    this.index = null;
  }

  get(id: string): Trip | undefined {
    return this.trips.get(id);
  }

  byDriver(driverId: string): Trip[] {
    return [...this.trips.values()].filter((t) => t.driverId === driverId);
  }

  searchIndex(settings?: Partial<MatchingSettings>): TripIndex<Trip> {
    this.index ??= buildTripIndex(
      [...this.trips.values()],
      this.places.lookup,
      matchingSettings(settings),
    );
    return this.index;
  }

  get size(): number {
    return this.trips.size;
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
