// The console's shared data, handed from its layout to its pages.
import { getContext, setContext } from 'svelte';
import type { ConsoleData } from './console-data.svelte';

const KEY = Symbol('console-data');

export const provideConsoleData = (get: () => ConsoleData | null) => setContext(KEY, get);
export const consoleData = (): ConsoleData | null =>
  (getContext(KEY) as (() => ConsoleData | null) | undefined)?.() ?? null;

/** Coordinators and admins use the console. */
export const isCoordinator = (roles: readonly string[] | undefined) =>
  roles?.some((r) => r === 'coordinator' || r === 'admin') ?? false;
