// The communes, loaded lazily by the screens that need them: from the device (Dexie) when they
// are there, else from /gazetteer/communes.json (precached by the service worker), then kept.
import { systemClock } from '$lib/clock';
import { cacheGazetteer, readCachedGazetteer } from '$lib/db/device';
import {
  buildGazetteerIndex,
  communeByInsee,
  searchCommunes,
  type GazetteerIndex,
} from '$lib/domain/gazetteer/search';
import type { Commune, CommuneMatch, GazetteerData } from '$lib/domain/gazetteer/types';

export const GAZETTEER_URL = '/gazetteer/communes.json';

export class GazetteerState {
  index = $state.raw<GazetteerIndex | null>(null);
  status = $state<'idle' | 'loading' | 'ready' | 'error'>('idle');
  private loading: Promise<void> | null = null;

  /** Loads the communes once; every picker awaits the same promise. */
  ensure(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<void> {
    this.status = 'loading';
    try {
      const cached = await readCachedGazetteer().catch(() => null);
      if (cached) {
        this.index = buildGazetteerIndex(cached);
        this.status = 'ready';
        void this.refresh(cached.generatedAt);
        return;
      }
      const data = await this.fetchData();
      this.index = buildGazetteerIndex(data);
      this.status = 'ready';
      await cacheGazetteer(data, systemClock.now());
    } catch {
      this.status = 'error';
      this.loading = null;
    }
  }

  /** A newer generated file replaces the cached one (quietly: offline this just fails). */
  private async refresh(cachedAt: string): Promise<void> {
    try {
      const data = await this.fetchData();
      if (data.generatedAt === cachedAt) return;
      this.index = buildGazetteerIndex(data);
      await cacheGazetteer(data, systemClock.now());
    } catch {
      // offline or not deployed: keep the cached communes
    }
  }

  private async fetchData(): Promise<GazetteerData> {
    const response = await fetch(GAZETTEER_URL);
    if (!response.ok) throw new Error(`gazetteer: HTTP ${response.status}`);
    return (await response.json()) as GazetteerData;
  }

  search(query: string, limit = 8): CommuneMatch[] {
    if (!this.index || query.trim() === '') return [];
    return searchCommunes(this.index, query, limit);
  }

  commune(insee: string | null | undefined): Commune | undefined {
    if (!this.index || !insee) return undefined;
    return communeByInsee(this.index, insee);
  }

  /** The commune's name, or its INSEE code while the communes are loading. */
  name(insee: string | null | undefined): string {
    return this.commune(insee)?.name ?? insee ?? '';
  }
}

export const gazetteer = new GazetteerState();
