/**
 * Flows far bigger than any team writes by hand (thousands of steps in one file): every
 * finding is still made, once, at its own line. Speed at this size is measured by the bench
 * (`npm run bench`), not here.
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
    expect(noExit[0]!.message).toContain(`s${STEPS - 1} → welcome)`);
  });

  it('puts each unreachable step at its own line', async () => {
    const steps = ['    welcome: { type: hangup }']
      .concat(Array.from({ length: STEPS }, (_, i) => `    s${i}: { type: hangup }`))
      .join('\n');
    const { problems } = await validateJson(repoWith(`${steps}\n`));
    const unreachable = problems.filter((p) => p.rule === 'flow/unreachable');
    expect(unreachable).toHaveLength(STEPS);
    for (const [i, problem] of unreachable.entries()) expect([problem.line, problem.message]).toEqual([lineOf(i), `step "s${i}" is never reached from "welcome"`]);
  });

  it('reports every branch to a missing step, with a guess for the first hundred distinct names', async () => {
    const steps = ['    welcome: { type: message, message: { tts: "Bonjour" }, next: s0 }']
      .concat(Array.from({ length: STEPS }, (_, i) => `    s${i}: { type: message, message: { tts: "Étape ${i}" }, next: ${i + 1 < STEPS ? `s${i + 1}x` : 'end'} }`))
      .concat(['    end: { type: hangup }'])
      .join('\n');
    const { problems } = await validateJson(repoWith(`${steps}\n`));
    const unknown = problems.filter((p) => p.rule === 'flow/unknown-step');
    expect(unknown).toHaveLength(STEPS - 1);
    const guessed = unknown.filter((p) => p.message.includes('did you mean'));
    expect(guessed).toHaveLength(100);
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
