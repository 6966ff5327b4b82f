import { describe, expect, it } from 'vitest';
import { ttsLength } from '../../src/rules/tts-length.js';
import { exampleRepo, expectProblem, validateFixture } from '../fixtures/broken/harness.js';

describe('tts/too-long', () => {
  it('points at 1,001-character texts in a number file and in a shared message', async () => {
    const problems = await validateFixture('tts-length');
    expect(expectProblem(problems, { rule: 'tts/too-long', file: 'config/numbers/line.yaml', line: 12, column: 14 }).message).toContain('1001 characters');
    expectProblem(problems, { rule: 'tts/too-long', file: 'config/messages/long.yaml', line: 2, column: 8 });
  });

  it('finds nothing in the example repo', async () => {
    expect(ttsLength(await exampleRepo())).toEqual([]);
  });
});
