import { lazySuggester } from '../config/did-you-mean.js';
import type { Problem } from '../model/problem.js';
import { problemAt } from './rule.js';
import type { Rule } from './rule.js';

const ENDINGS = ['answered', 'voicemail', 'forward', 'hangup'];

/** A flow test's expectation must name steps (and an ending) that exist, or it can never pass. */
export const testSteps: Rule = (repo) => {
  const problems: Problem[] = [];
  for (const entry of repo.numbers) {
    const steps = entry.config.flow.steps;
    const suggest = lazySuggester(() => Object.keys(steps));
    entry.config.tests?.forEach((test, i) => {
      const expect = test.expect;
      const path = Array.isArray(expect) ? expect : (expect.path ?? []);
      const at = Array.isArray(expect) ? ['tests', i, 'expect'] : ['tests', i, 'expect', 'path'];
      path.forEach((name, j) => {
        if (Object.hasOwn(steps, name)) return;
        const suggestion = suggest(name);
        problems.push(
          problemAt(entry, [...at, j], 'error', 'test/unknown-step', `test "${test.name}" expects step "${name}", which does not exist in this flow${suggestion ? `; did you mean "${suggestion}"?` : ''}`),
        );
      });
      if (!Array.isArray(expect) && expect.ends !== undefined && !ENDINGS.includes(expect.ends)) {
        problems.push(
          problemAt(entry, ['tests', i, 'expect', 'ends'], 'error', 'test/unknown-ending', `ends: "${expect.ends}" is not a way a call ends`, { hint: `one of ${ENDINGS.join(', ')}` }),
        );
      }
    });
  }
  return problems;
};
