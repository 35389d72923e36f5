// The logged-in user's workspace, without loading PouchDB, sync and the repository up front: the
// login page and the app shell need none of it. Its module is imported once a session exists
// (the root layout's load awaits it, so pages find the workspace ready on their first render).
import { session } from './session.svelte';
import type { Workspace } from './workspace.svelte';

type WorkspaceModule = typeof import('./workspace.svelte');

class WorkspaceLoader {
  module = $state.raw<WorkspaceModule | null>(null);
  loading: Promise<WorkspaceModule> | null = null;
}

const loader = new WorkspaceLoader();

/** Imports the workspace module once (a failed import, e.g. a chunk not cached yet, is retried). */
export function loadWorkspaceModule(): Promise<WorkspaceModule> {
  loader.loading ??= import('./workspace.svelte').then(
    (module) => (loader.module = module),
    (err: unknown) => {
      loader.loading = null;
      throw err;
    },
  );
  return loader.loading;
}

/**
 * The logged-in user's workspace, opened on first use (reactive on the session and on the module
 * arriving: use it inside $derived). Null while logged out or while the module loads.
 */
export function activeWorkspace(): Workspace | null {
  const user = session.current;
  if (!user) return null;
  const module = loader.module;
  if (!module) {
    loadWorkspaceModule().catch((err: unknown) => console.error('workspace: load failed', err));
    return null;
  }
  return module.workspaceFor(user);
}

/** Closes the workspace if one was opened (log out). */
export function closeWorkspace(): void {
  loader.module?.closeWorkspace();
}
