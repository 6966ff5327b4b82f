import { describe, expect, it } from 'vitest';
import { expectProblem, validateFixture } from '../fixtures/broken/harness.js';

describe('audio/file-name', () => {
  it('is an error for a file name Aircall would mangle, on its line; plain names pass', async () => {
    const problems = await validateFixture('audio-file-name');
    const problem = expectProblem(problems, { rule: 'audio/file-name', file: 'config/numbers/line.yaml', line: 10 });
    expect(problem.message).toContain('(# $)');
    expect(problems.filter((p) => p.rule === 'audio/file-name')).toHaveLength(1);
  });
});
