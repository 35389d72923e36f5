// Runs every benchmark in order and prints one JSON document; also saves it under bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { systemClock } from '../src/lib/clock';
import { benches } from './index';

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const results: Record<string, unknown> = {
  ranAt: systemClock.now().toISOString(),
  node: process.version,
};
for (const [name, run] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  console.error(`bench: ${name}…`);
  try {
    results[name] = await run();
  } catch (err) {
    // One failing benchmark must not lose the figures of the others.
    console.error(`bench: ${name} failed:`, err);
    results[name] = { error: String((err as Error)?.message ?? err) };
  }
}
const json = JSON.stringify(results, null, 2);
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/${results.ranAt as string}.json`.replace(/:/g, '-'), json + '\n');
console.log(json);
