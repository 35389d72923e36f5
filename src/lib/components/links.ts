// Links with parameters, resolved against the app's base path.
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

const withQuery = (path: string, query: Record<string, string>): ResolvedPathname => {
  const search = new URLSearchParams(query).toString();
  return (search ? `${path}?${search}` : path) as ResolvedPathname;
};

/** A person's page; `saved` says what was just saved there ("personne", "demande", "trajet"). */
export function personHref(id: string, saved?: string): ResolvedPathname {
  return withQuery(resolve('/personnes/[id]', { id }), saved ? { enregistre: saved } : {});
}

export function newRequestHref(passengerId: string): ResolvedPathname {
  return withQuery(resolve('/demandes/nouvelle'), { passager: passengerId });
}

export function newTripHref(driverId: string): ResolvedPathname {
  return withQuery(resolve('/trajets/nouveau'), { conducteur: driverId });
}

export function editPersonHref(id: string): ResolvedPathname {
  return resolve('/personnes/[id]/modifier', { id });
}

/** A regular trip's page (pause, edit); `saved` as for personHref. */
export function tripHref(id: string, saved?: string): ResolvedPathname {
  return withQuery(resolve('/trajets/[id]', { id }), saved ? { enregistre: saved } : {});
}

/** A request's page (status, edit, cancel); `saved` as for personHref. */
export function requestHref(id: string, saved?: string): ResolvedPathname {
  return withQuery(resolve('/demandes/[id]', { id }), saved ? { enregistre: saved } : {});
}
