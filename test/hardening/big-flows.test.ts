/**
 * Issue #17, items 9 and 15: graph checks are linear in the size of the flow, and a file with
 * thousands of the same defect gives a bounded report (the first ones, then "… and N more").
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempRepo } from '../fixtures/broken/harness.js';

const STEPS = 10_000;

function flowFile(lines: string[], start = 's0'): string {
  return `number: "+33100000001"\nname: Big\ntimezone: Europe/Paris\nlanguage: fr-FR\nflow:\n  start: ${start}\n  steps:\n${lines.join('\n')}\n`;
}

async function validate(text: string, format: 'json' | 'text' = 'json') {
  const repo = tempRepo({ 'config/numbers/big.yaml': text });
  try {
    return await runCli(['validate', '--root', repo.root, '--format', format], { env: { CALLFLOW_LOG_LEVEL: 'silent' } });
  } finally {
    repo.cleanup();
  }
}

type Problems = Array<{ rule: string; message: string }>;

describe('big flows', () => {
  it('finds the endless loop of a 10,000-step chain, written in reverse order, in one short problem', async () => {
    // Listed last step first: the order that made the closure walk quadratic (and worse).
    const lines = Array.from({ length: STEPS }, (_, k) => {
      const i = STEPS - 1 - k;
      return `    s${i}: { type: message, message: { tts: Hi }, next: s${(i + 1) % STEPS} }`;
    });
    const run = await validate(flowFile(lines));
    expect(run.code).toBe(1);
    const problems = (JSON.parse(run.stdout) as { problems: Problems }).problems.filter((p) => p.rule === 'flow/no-exit');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toMatch(/^calls reaching "s\d+" can never end \(s\d+ → s\d+ → .* and \d+ more steps\)$/);
    expect(problems[0]!.message.length).toBeLessThan(300);
  }, 120_000);

  it('10,000 branches to missing steps: the first 50 problems, then one that counts the rest', async () => {
    const lines = Array.from({ length: STEPS }, (_, i) => `    s${i}: { type: message, message: { tts: Hi }, next: gone${i} }`);
    const run = await validate(flowFile(lines));
    expect(run.code).toBe(1);
    const problems = (JSON.parse(run.stdout) as { problems: Problems }).problems.filter((p) => p.rule === 'flow/unknown-step');
    expect(problems).toHaveLength(51);
    expect(problems.at(-1)!.message).toBe('… and 9,950 more problems like this in this file');
    const text = await validate(flowFile(lines), 'text');
    expect(text.stdout.length).toBeLessThan(100_000);
    expect(text.stdout).toContain('… and 9,950 more problems like this in this file');
  }, 120_000);
});
