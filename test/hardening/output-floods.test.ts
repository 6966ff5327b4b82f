/**
 * Issue #17, item 15: what callflow prints is bounded whatever the files hold — a 1.9 MB TTS
 * text is not echoed in full in a flow-test hint, and a file's repeated problems are capped.
 */
import { describe, expect, it } from 'vitest';
import { loadRepo } from '../../src/config/load.js';
import { flowTestsCheck } from '../../src/simulate/repo-check.js';
import { runCli, tempRepo } from '../fixtures/broken/harness.js';

const HUGE = 'Bonjour. '.repeat(210_000); // 1.9 MB, under the 2 MB file limit

function numberFile(tests: string, welcome = `{ tts: "${HUGE}" }`): string {
  return [
    'number: "+33100000001"',
    'name: Big text',
    'timezone: Europe/Paris',
    'language: fr-FR',
    'flow:',
    '  start: welcome',
    '  steps:',
    `    welcome: { type: message, message: ${welcome}, next: bye }`,
    '    bye: { type: hangup }',
    tests,
  ].join('\n');
}

describe('output floods', () => {
  it('a failing flow test does not echo a 1.9 MB text it heard', async () => {
    const tests = 'tests:\n  - name: says goodbye\n    at: 2026-11-30T10:00:00\n    expect: { hears: ["Au revoir"] }\n';
    // In a shared message: its tts/too-long error stops the number's tests (they would only echo it)...
    const repo = tempRepo({
      'config/numbers/big.yaml': numberFile(tests, '{ ref: big }'),
      'config/messages/big.yaml': `message: { tts: "${HUGE}" }\n`,
    });
    try {
      for (const format of ['text', 'json', 'github']) {
        const run = await runCli(['validate', '--root', repo.root, '--format', format], { env: { CALLFLOW_LOG_LEVEL: 'silent' } });
        expect(run.code).toBe(1);
        expect(run.stdout).toContain('tts/too-long');
        expect(run.stdout.length).toBeLessThan(20_000);
      }
      const test = await runCli(['test', '--root', repo.root], { env: { CALLFLOW_LOG_LEVEL: 'silent' } });
      expect(test.code).toBe(1);
      expect(test.stdout).toContain('– big: 1 flow test not run: a schedule or message they use has errors');
      expect(test.stdout.length).toBeLessThan(20_000);
      // ...so the check is run as if nothing had been found, to see what its failure says.
      const { repo: loaded } = await loadRepo({ root: repo.root });
      const [failed, ...rest] = await flowTestsCheck()(loaded, []);
      expect(rest).toEqual([]);
      expect(failed).toMatchObject({ rule: 'test/failed', message: expect.stringContaining('says goodbye') });
      expect(JSON.stringify(failed).length).toBeLessThan(20_000);
    } finally {
      repo.cleanup();
    }
  });

  it('a flow test with a huge expectation is echoed as an excerpt too', async () => {
    const tests = `tests:\n  - name: "${'n'.repeat(100_000)}"\n    at: 2026-11-30T10:00:00\n    expect: { hears: ["${'x'.repeat(100_000)}"], path: [welcome, welcome] }\n`;
    const repo = tempRepo({ 'config/numbers/big.yaml': numberFile(tests).replace(HUGE, 'Bonjour') });
    try {
      const run = await runCli(['validate', '--root', repo.root], { env: { CALLFLOW_LOG_LEVEL: 'silent' } });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('[test/failed]');
      expect(run.stdout.length).toBeLessThan(20_000);
    } finally {
      repo.cleanup();
    }
  });
});
