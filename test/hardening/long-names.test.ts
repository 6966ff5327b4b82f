/**
 * Issue #17, item 8: a 61 KB file with two 20,000-character step names (explicit `? ` keys)
 * grew validate past 2 GB (the did-you-mean distance was O(n·m) in memory). Names are bounded
 * in the schema and suggestions stay cheap, so validate answers in bounded memory.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../src/config/did-you-mean.js';
import { numberYaml, tempRepo, validateJson } from '../fixtures/broken/harness.js';

const CLI = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

function longNamesRepo() {
  const a = 'a'.repeat(20_000);
  const b = 'b'.repeat(20_000);
  const steps = [
    '    welcome: { type: hangup }',
    `    ? ${a}`,
    `    : { type: message, message: { tts: Hi }, next: ${b}x }`,
    `    ? ${b}`,
    `    : { type: message, message: { tts: Hi }, next: ${a}x }`,
    '',
  ].join('\n');
  return tempRepo({ 'config/numbers/n.yaml': numberYaml(steps) });
}

describe('very long step names', () => {
  it('are refused by the schema, and validate stays within 256 MB of heap', () => {
    const repo = longNamesRepo();
    try {
      // A real process with a small heap: before the fix it died out of memory.
      const script = `import { main } from ${JSON.stringify(CLI)}; process.exitCode = await main(['validate', '--root', ${JSON.stringify(repo.root)}, '--format', 'json']);`;
      const run = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, CALLFLOW_LOG_LEVEL: 'silent' }, maxBuffer: 64 * 1024 * 1024 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(1);
      const problems = (JSON.parse(run.stdout) as { problems: Array<{ rule: string; message: string }> }).problems;
      expect(problems.some((p) => p.rule === 'schema/range' && /at most 64 characters/.test(p.message))).toBe(true);
      // What is echoed of the names is short.
      for (const p of problems) expect(p.message.length).toBeLessThan(400);
    } finally {
      repo.cleanup();
    }
  });

  it('a step name of 64 characters is fine, 65 is not', async () => {
    const ok = 'x'.repeat(64);
    for (const [name, valid] of [[ok, true], [`${ok}y`, false]] as const) {
      const repo = tempRepo({ 'config/numbers/n.yaml': numberYaml(`    welcome: { type: message, message: { tts: Hi }, next: ${name} }\n    ${name}: { type: hangup }\n`) });
      try {
        const { code } = await validateJson(repo.root);
        expect(code).toBe(valid ? 0 : 1);
      } finally {
        repo.cleanup();
      }
    }
  });

  it('did-you-mean on long words answers without building an n·m table', () => {
    const long = 'q'.repeat(50_000);
    expect(didYouMean(long, [`${long}x`, 'menu'])).toBeUndefined();
    expect(didYouMean('welcom', ['welcome', 'x'.repeat(50_000)])).toBe('welcome');
  });
});
