// What every report reads from the workspace: rides, people, requests, and distances from the
// gazetteer.
import { roadKmBetween } from '$lib/domain/territory/distance';
import { gazetteer } from '$lib/state/gazetteer.svelte';
import { activeWorkspace } from '$lib/state/active-workspace.svelte';

export function reportData() {
  const ws = activeWorkspace();
  const centreOf = (insee: string) => gazetteer.commune(insee);
  return {
    ws,
    rides: Object.values(ws?.rides ?? {}),
    requests: ws?.requests ?? [],
    persons: ws?.persons ?? [],
    centreOf,
    roadKm: roadKmBetween(centreOf),
  };
}

/** The years that have rides, newest first, with the current one always offered. */
export function yearsOf(rides: readonly { date: string }[], currentYear: number): number[] {
  const years = [currentYear, ...rides.map((r) => Number(r.date.slice(0, 4)))];
  return years.filter((y, i) => years.indexOf(y) === i).sort((a, b) => b - a);
}
