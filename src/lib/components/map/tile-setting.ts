// The optional online tile layer is a device setting (Dexie), not a territory one: a desk
// computer may have a good connection where a relay's tablet has none.
import { localStore } from '$lib/db/local';

const KEY = 'map:tiles';

export async function readTileUrl(): Promise<string | null> {
  const value = (await localStore().settings.get(KEY))?.value;
  return typeof value === 'string' && value !== '' ? value : null;
}

export async function writeTileUrl(url: string | null): Promise<void> {
  if (url === null || url.trim() === '') await localStore().settings.delete(KEY);
  else await localStore().settings.put({ key: KEY, value: url.trim() });
}

/** A raster template such as https://tile.example.org/{z}/{x}/{y}.png. */
export function isTileTemplate(url: string): boolean {
  return /^https:\/\/[^\s]+$/.test(url) && ['{z}', '{x}', '{y}'].every((p) => url.includes(p));
}
