// Runs every benchmark in order and prints one JSON document; also saves it under bench/results/.
import { mkdirSync, writeFileSync } from 'node:fs';
import { benches } from './index';

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const results: Record<string, unknown> = {
  ranAt: new Date().toISOString(),
  node: process.version,
};
for (const [name, run] of Object.entries(benches)) {
  if (only.length && !only.includes(name)) continue;
  console.error(`bench: ${name}…`);
  results[name] = await run();
}
const json = JSON.stringify(results, null, 2);
mkdirSync('bench/results', { recursive: true });
writeFileSync(`bench/results/${results.ranAt as string}.json`.replace(/:/g, '-'), json + '\n');
console.log(json);
