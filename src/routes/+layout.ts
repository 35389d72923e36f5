// The app is a single-page shell: it renders in the browser from local data, so that it opens
// with no network. Only the shell at "/" is prerendered and precached by the service worker.
import { browser } from '$app/environment';
import { redirect } from '@sveltejs/kit';
import { loadWorkspaceModule } from '$lib/state/active-workspace.svelte';
import { session } from '$lib/state/session.svelte';

export const ssr = false;
export const prerender = false;

/** Every screen but the login needs a known session (kept on the device, so this works offline). */
export async function load({ url }) {
  if (!browser) return {};
  const known = await session.restore();
  if (!known && url.pathname !== '/connexion') {
    const next = url.pathname + url.search;
    redirect(307, next === '/' ? '/connexion' : `/connexion?suite=${encodeURIComponent(next)}`);
  }
  // PouchDB and sync come with the session, not with the login page.
  if (known) await loadWorkspaceModule();
  return {};
}
