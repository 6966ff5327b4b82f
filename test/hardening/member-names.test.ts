/**
 * Issue #17, item 7: step names that every JS object has (`toString`, `valueOf`,
 * `hasOwnProperty`, `constructor`…) must be looked up as names, never as object members.
 */
import { describe, expect, it } from 'vitest';
import { numberYaml, runCli, tempRepo } from '../fixtures/broken/harness.js';

const ROUTES = (steps: string) => tempRepo({ 'config/numbers/n.yaml': numberYaml(steps) });

describe('step names that are JS object members', () => {
  it('a branch to a member name is an unknown step, not a crash', async () => {
    const cases = [
      '    welcome: { type: message, message: { tts: Hi }, next: toString }\n',
      '    welcome: { type: message, message: { tts: Hi }, next: constructor }\n',
      '    welcome:\n      type: ivr\n      prompt: { tts: "Press 1" }\n      options: { "1": valueOf }\n      no_input: hasOwnProperty\n      invalid_input: isPrototypeOf\n',
    ];
    for (const steps of cases) {
      const repo = ROUTES(steps);
      try {
        const run = await runCli(['validate', '--root', repo.root, '--format', 'json']);
        expect(run.stderr).toBe('');
        expect(run.code).toBe(1);
        const rules = (JSON.parse(run.stdout) as { problems: Array<{ rule: string }> }).problems.map((p) => p.rule);
        expect(rules.some((r) => r === 'flow/unknown-step' || r.endsWith('-target'))).toBe(true);
      } finally {
        repo.cleanup();
      }
    }
  });

  it('a start at a member name is an unknown step', async () => {
    const repo = tempRepo({ 'config/numbers/n.yaml': numberYaml('    welcome: { type: hangup }\n').replace('start: welcome', 'start: hasOwnProperty') });
    try {
      const run = await runCli(['validate', '--root', repo.root, '--format', 'json']);
      expect(run.code).toBe(1);
      expect(JSON.parse(run.stdout).problems).toContainEqual(expect.objectContaining({ rule: 'flow/unknown-step', message: expect.stringContaining('start: step "hasOwnProperty" does not exist') }));
    } finally {
      repo.cleanup();
    }
  });

  it('steps really named toString and valueOf validate, simulate and plan like any other', async () => {
    const steps = [
      '    welcome: { type: message, message: { tts: Hi }, next: toString }',
      '    toString:',
      '      type: ivr',
      '      prompt: { tts: "Press 1 or 2" }',
      '      options: { "1": valueOf, "2": hasOwnProperty }',
      '      no_input: valueOf',
      '      invalid_input: valueOf',
      '    valueOf: { type: voicemail, message: { tts: Bye } }',
      '    hasOwnProperty: { type: hangup }',
      '',
    ].join('\n');
    const repo = ROUTES(steps);
    try {
      const env = { CALLFLOW_LOG_LEVEL: 'silent' };
      const validate = await runCli(['validate', '--root', repo.root], { env });
      expect(validate.stderr).toBe('');
      expect(validate.code).toBe(0);
      const simulate = await runCli(['simulate', 'n', '--root', repo.root, '--at', '2026-11-30T10:00', '--keys', '2'], { env });
      expect(simulate.code).toBe(0);
      expect(simulate.stdout).toContain('welcome → toString → hasOwnProperty');
      const plan = await runCli(['plan', '--root', repo.root, '--format', 'json'], { env });
      expect(plan.stderr).toBe('');
      expect(plan.code).toBe(0);
      expect(Object.keys(JSON.parse(plan.stdout).numbers[0].desired.flow.steps)).toEqual(['welcome', 'toString', 'valueOf', 'hasOwnProperty']);
      const apply = await runCli(['apply', '--root', repo.root, '--doit'], { env });
      expect(apply.stderr).toBe('');
      expect(apply.code).toBe(0);
      expect(apply.stdout).toContain('Applied 1 of 1 numbers');
    } finally {
      repo.cleanup();
    }
  });
});
