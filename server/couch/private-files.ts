// The database's files hold every person's name and phone number: readable by the server's own
// account only (files 0600, folders 0700), whatever the machine's default umask.
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMainThread } from 'node:worker_threads';

/**
 * Makes what exists under `dir` private and, from the main thread, sets the process umask so
 * that what LevelDB creates later is too (leveldown takes no file mode; a worker thread may not
 * change the umask, and its files follow the process's).
 */
export function keepPrivate(dir: string): void {
  if (isMainThread) process.umask(0o077);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodTree(dir);
}

function chmodTree(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) chmodTree(path);
    else if (entry.isFile()) chmodSync(path, 0o600);
  }
}
