/**
 * `npm run bench`: runs every bench/*.bench.ts in turn; each prints its own figures.
 * Targets (validate ≤ 2 s and ≤ 300 MB for 1,000 numbers, …) live here, never in timed tests.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv[2];
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts') && (!only || name.startsWith(only)))
  .sort();
for (const file of files) {
  console.log(`\n== ${file}`);
  const module = (await import(join(here, file))) as { run: () => Promise<void> };
  await module.run();
}
