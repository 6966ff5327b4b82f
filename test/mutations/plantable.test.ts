import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain-JS list shared with the `npm run mutations` runner
import { MUTANTS } from './mutants.mjs';

interface Mutant {
  id: string;
  file?: string;
  find?: string;
}

const root = join(import.meta.dirname, '..', '..');

/** A refactor that rewrites a line the mutation run plants a bug in must update the list too. */
describe('every planted bug of `npm run mutations` can still be planted', () => {
  it.each((MUTANTS as Mutant[]).filter((m) => m.file).map((m) => [m.id, m] as const))('%s', (_id, mutant) => {
    const text = readFileSync(join(root, mutant.file!), 'utf8');
    expect(text.split(mutant.find!).length - 1).toBe(1);
  });
});
