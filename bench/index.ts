import { benchFirstPage } from './first-page';
import { benchGazetteer } from './gazetteer';
import { benchMatching } from './matching';
import { benchReplication } from './replication';
import { benchSms } from './sms';
import { benchTerritory } from './territory';
import { benchTerritoryRender } from './territory-render';
import { benchWeek } from './week';
import { benchWorker } from './worker';

// The benchmarks, in the order they run. Each returns plain figures (JSON-serialisable).
export type Bench = () => Promise<Record<string, unknown>>;

export const benches: Record<string, Bench> = {};
benches.gazetteer = benchGazetteer;
benches.sms = benchSms;
benches.replication = benchReplication;
benches.firstPage = benchFirstPage;
benches.matching = benchMatching;
benches.worker = benchWorker;
benches.territory = benchTerritory;
benches.territoryRender = benchTerritoryRender;
benches.week = benchWeek;
