/**
 * Flows far bigger than any team writes by hand (thousands of steps in one file): every
 * finding is still made, once, at its own line, and printed up to 50 of a rule per file, then
 * one line that counts the rest. Speed at this size is measured by the bench, not here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { numberYaml, tempRepo, validateJson } from '../fixtures/broken/harness.js';

const STEPS = 3000;
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

function repoWith(steps: string): string {
  const { root, cleanup } = tempRepo({ 'config/numbers/big.yaml': numberYaml(steps) });
  cleanups.push(cleanup);
  return root;
}

/** Steps start on line 8 of numberYaml; step i is on line 9 + i after `welcome`. */
const lineOf = (i: number) => 9 + i;

describe(`a flow of ${STEPS} steps`, () => {
  it('reports a loop through every step once, as one group', async () => {
    const steps = ['    welcome: { type: message, message: { tts: "Bonjour" }, next: s0 }']
      .concat(Array.from({ length: STEPS }, (_, i) => `    s${i}: { type: message, message: { tts: "Étape ${i}" }, next: ${i + 1 < STEPS ? `s${i + 1}` : 'welcome'} }`))
      .join('\n');
    const { problems } = await validateJson(repoWith(`${steps}\n`));
    const noExit = problems.filter((p) => p.rule === 'flow/no-exit');
    expect(noExit).toHaveLength(1);
    expect(noExit[0]!.message).toContain(`welcome → s0 → s1 → s2`);
    // A loop of 3,001 steps is named by its first steps and counted, not printed whole.
    expect(noExit[0]!.message).toContain(`… and ${STEPS - 5} more steps)`);
  });

  it('puts each unreachable step at its own line', async () => {
    const steps = ['    welcome: { type: hangup }']
      .concat(Array.from({ length: STEPS }, (_, i) => `    s${i}: { type: hangup }`))
      .join('\n');
    const { problems } = await validateJson(repoWith(`${steps}\n`));
    const unreachable = problems.filter((p) => p.rule === 'flow/unreachable');
    expect(unreachable).toHaveLength(51);
    for (const [i, problem] of unreachable.slice(0, 50).entries()) expect([problem.line, problem.message]).toEqual([lineOf(i), `step "s${i}" is never reached from "welcome"`]);
    expect(unreachable[50]!.message).toBe(`… and ${(STEPS - 50).toLocaleString('en-US')} more problems like this in this file`);
  });

  it('reports branches to missing steps, the first fifty printed with a guess, the rest counted', async () => {
    const steps = ['    welcome: { type: message, message: { tts: "Bonjour" }, next: s0 }']
      .concat(Array.from({ length: STEPS }, (_, i) => `    s${i}: { type: message, message: { tts: "Étape ${i}" }, next: ${i + 1 < STEPS ? `s${i + 1}x` : 'end'} }`))
      .concat(['    end: { type: hangup }'])
      .join('\n');
    const { problems } = await validateJson(repoWith(`${steps}\n`));
    const unknown = problems.filter((p) => p.rule === 'flow/unknown-step');
    expect(unknown).toHaveLength(51);
    const guessed = unknown.filter((p) => p.message.includes('did you mean'));
    expect(guessed).toHaveLength(50);
    expect(unknown[50]!.message).toBe(`… and ${(STEPS - 1 - 50).toLocaleString('en-US')} more problems like this in this file`);
    expect(guessed[0]!.message).toBe('s0.next: step "s1x" does not exist in this flow; did you mean "s1"?');
  });

  it('treats a step named after a property every object has (toString, constructor) as missing, without failing', async () => {
    const steps = '    welcome: { type: message, message: { tts: "Bonjour" }, next: toString }\n    menu: { type: ivr, prompt: { tts: "Tapez 1." }, options: { "1": constructor }, no_input: hasOwnProperty, invalid_input: valueOf }\n';
    const { code, problems } = await validateJson(repoWith(steps));
    expect(code).toBe(1);
    expect(problems.filter((p) => p.rule === 'flow/unknown-step').map((p) => p.message)).toEqual([
      'welcome.next: step "toString" does not exist in this flow',
      'menu.option 1: step "constructor" does not exist in this flow',
    ]);
    expect(problems.map((p) => p.rule)).toEqual(expect.arrayContaining(['ivr/no-input-target', 'ivr/invalid-input-target']));
  });
});
