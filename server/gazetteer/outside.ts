// Towns outside the territory that people ask to go to: the communes of the neighbouring
// départements (but their hamlets), and the big towns of France. The SMS reader reads them as places it cannot serve
// (null), instead of a commune of the territory whose name begins alike (Capdenac-Gare, Brive).
import { normalizeName, stripArticle } from '../../src/lib/domain/gazetteer/normalize';
import type { OfficialEntry } from './official';

/** Neighbouring départements of the territories set up so far; others set OUTSIDE_DEPARTEMENTS. */
export const NEIGHBOURS: Readonly<Record<string, readonly string[]>> = {
  '46': ['12', '15', '19', '24', '47', '82'],
};

/** A town this big in mainland France or Corsica is named from anywhere ("Toulouse"). */
export const BIG_TOWN_POPULATION = 20_000;
/**
 * Neighbouring communes from this size: where people go (Capdenac-Gare, Maurs), while the
 * smallest hamlets, whose names are often ordinary words ("Faux", "Champs"), stay unknown.
 */
export const NEIGHBOUR_POPULATION = 1_000;

export function neighboursOf(departements: readonly string[]): string[] {
  const out = new Set(departements.flatMap((d) => NEIGHBOURS[d] ?? []));
  for (const d of departements) out.delete(d);
  return [...out];
}

/** Names of the towns outside, most populated first, without those the territory also has. */
export function outsideTowns(
  official: readonly OfficialEntry[],
  departements: readonly string[],
  neighbours: readonly string[],
): string[] {
  const inside = new Set<string>();
  const candidates: OfficialEntry[] = [];
  for (const entry of official) {
    if (entry.type !== 'commune-actuelle') continue;
    const dept = entry.departement ?? '';
    if (departements.includes(dept)) inside.add(stripArticle(normalizeName(entry.nom)));
    else if (
      (neighbours.includes(dept) && (entry.population ?? 0) >= NEIGHBOUR_POPULATION) ||
      ((entry.population ?? 0) >= BIG_TOWN_POPULATION && !dept.startsWith('97'))
    )
      candidates.push(entry);
  }
  candidates.sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
  const seen = new Set(inside);
  const names: string[] = [];
  for (const entry of candidates) {
    const key = stripArticle(normalizeName(entry.nom));
    if (seen.has(key)) continue;
    seen.add(key);
    names.push(entry.nom);
  }
  return names;
}
