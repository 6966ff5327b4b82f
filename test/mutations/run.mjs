#!/usr/bin/env node
// `npm run mutations [ID…]`: plants each one-line bug below in turn, runs the tests that must
// catch it, and restores the file. A bug the tests do not catch fails the run. The same tests
// are run once unmutated first, so "caught" never means "was failing anyway".
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MUTANTS } from './mutants.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const only = process.argv.slice(2);
const chosen = MUTANTS.filter((m) => only.length === 0 || only.includes(m.id));
const planted = new Map();

function restore() {
  for (const [path, text] of planted) writeFileSync(path, text);
  planted.clear();
}
process.on('SIGINT', () => {
  restore();
  process.exit(130);
});

function vitest(tests, env = {}) {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...tests], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8' });
  return result.status;
}

const rows = [];
const baseline = new Map();
for (const mutant of chosen) {
  const key = JSON.stringify(mutant.tests);
  if (!baseline.has(key)) baseline.set(key, vitest(mutant.tests));
  if (baseline.get(key) !== 0) {
    rows.push({ id: mutant.id, result: 'tests fail unmutated' });
    continue;
  }
  let result;
  try {
    if (mutant.file) {
      const path = join(root, mutant.file);
      const text = readFileSync(path, 'utf8');
      if (text.split(mutant.find).length !== 2) throw new Error(`"${mutant.find}" must occur exactly once in ${mutant.file}`);
      planted.set(path, text);
      writeFileSync(path, text.replace(mutant.find, mutant.replace));
    }
    result = vitest(mutant.tests, mutant.env) === 0 ? 'NOT CAUGHT' : 'caught';
  } catch (error) {
    result = `cannot plant: ${error.message}`;
  } finally {
    restore();
  }
  rows.push({ id: mutant.id, result });
  console.log(`${mutant.id.padEnd(28)} ${rows.at(-1).result.padEnd(20)} ${mutant.what}`);
}
const missed = rows.filter((r) => r.result !== 'caught');
console.log(`\n${rows.length - missed.length} of ${rows.length} planted bugs caught`);
for (const row of missed) console.log(`  ${row.id}: ${row.result}`);
process.exitCode = missed.length ? 1 : 0;
