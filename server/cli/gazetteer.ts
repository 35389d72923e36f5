// npm run gazetteer -- --departement 46 [--departement 12 | --departement 46,12] [--if-missing]
// Default départements: $DEPARTEMENTS (comma-separated), else 46. See docs/gazetteer.md.
import { fileURLToPath } from 'node:url';
import { systemClock } from '../../src/lib/clock';
import { outputPaths, outputsAreCurrent, parseOptions } from '../gazetteer/options';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

try {
  const options = parseOptions(process.argv.slice(2), process.env);
  const paths = outputPaths(projectRoot);
  if (options.ifMissing && outputsAreCurrent(paths, options.departements)) {
    console.error(`gazetteer: up to date for ${options.departements.join(', ')}, nothing to do`);
  } else {
    // Imported only when there is work to do: the official list alone is 8 MB of JSON.
    const { generateGazetteer } = await import('../gazetteer/generate');
    await generateGazetteer({
      departements: options.departements,
      projectRoot,
      paths,
      geometry: process.env.GAZETTEER_GEOMETRY || undefined,
      outsideDepartements: process.env.OUTSIDE_DEPARTEMENTS?.split(',')
        .map((d) => d.trim())
        .filter((d) => d !== ''),
      now: systemClock.now(),
    });
  }
} catch (error) {
  console.error(`gazetteer: ${(error as Error).message}`);
  process.exitCode = 1;
}
