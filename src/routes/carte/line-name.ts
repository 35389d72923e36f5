import type { NetworkLine } from '$lib/domain/territory/network';
import { gazetteer } from '$lib/state/gazetteer.svelte';

/** "Gramat – Figeac": a line has no direction. */
export function lineName(line: Pick<NetworkLine, 'a' | 'b'>): string {
  return `${gazetteer.name(line.a)} – ${gazetteer.name(line.b)}`;
}
