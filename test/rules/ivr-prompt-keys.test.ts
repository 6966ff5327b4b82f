import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../src/model/problem.js';
import { ivrPromptKeys } from '../../src/rules/ivr-prompt-keys.js';
import { keysNamedIn } from '../../src/model/prompt-keys.js';
import { exampleRepo, expectProblem, validateFixture } from '../fixtures/broken/harness.js';

describe('ivr/prompt-keys', () => {
  it('warns when the prompt names a key no option has, and an option the prompt never says', async () => {
    const problems = await validateFixture('ivr-prompt-keys');
    const problem = expectProblem(problems, { rule: 'ivr/prompt-keys', file: 'config/numbers/line.yaml', line: 12, column: 7, severity: 'warning' });
    expect(problem.message).toContain('the prompt offers "3" but no option handles it');
    expect(problem.message).toContain('option "4" is never announced');
    expect(hasErrors(problems)).toBe(false);
  });

  it('finds nothing in the example repo, whose prompts say exactly their keys', async () => {
    expect(ivrPromptKeys(await exampleRepo())).toEqual([]);
  });

  it('counts keys spelled as words in French, English and German', () => {
    expect([...keysNamedIn('Pour les ventes, tapez un. Pour le support, tapez deux.')]).toEqual(['1', '2']);
    expect([...keysNamedIn('For sales press one, for support press two or three.')]).toEqual(['1', '2', '3']);
    expect([...keysNamedIn('Für den Verkauf drücken Sie eins, für den Support drücken Sie die Zwei.')]).toEqual(['1', '2']);
    expect([...keysNamedIn('Willkommen bei uns, wir sind eins mit Ihnen.')]).toEqual([]);
  });
});
