import { benchGazetteer } from './gazetteer';

// The benchmarks, in the order they run. Each returns plain figures (JSON-serialisable).
export type Bench = () => Promise<Record<string, unknown>>;

export const benches: Record<string, Bench> = {};
benches.gazetteer = benchGazetteer;
