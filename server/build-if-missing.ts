// `npm start` on a fresh clone builds what is missing: the gazetteer, then the app when its
// sources are newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './config';

export function ensureGazetteer(): void {
  run(['tsx', 'server/cli/gazetteer.ts', '--if-missing']);
}

export function ensureBuild(): void {
  const handler = join(projectRoot, 'build', 'handler.js');
  const built = existsSync(handler) ? statSync(handler).mtimeMs : 0;
  const inputs = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
  if (built && newestMtime(inputs.map((p) => join(projectRoot, p))) <= built) return;
  console.error(
    built ? 'build: sources changed, rebuilding the app…' : 'build: building the app (first run)…',
  );
  run(['vite', 'build']);
}

function run(command: string[]) {
  const result = spawnSync('npx', command, { cwd: projectRoot, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed (exit ${result.status})`);
}

function newestMtime(paths: string[]): number {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      const children = readdirSync(path).map((name) => join(path, name));
      newest = Math.max(newest, newestMtime(children));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  }
  return newest;
}
