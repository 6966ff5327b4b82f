import { didYouMean } from '../config/did-you-mean.js';
import { excerpt } from '../model/excerpt.js';
import { CappedProblems } from './problem-cap.js';
import { problemAt } from './rule.js';
import type { Rule } from './rule.js';

const ENDINGS = ['answered', 'voicemail', 'forward', 'hangup'];

/** A flow test's expectation must name steps (and an ending) that exist, or it can never pass. */
export const testSteps: Rule = (repo) => {
  const problems = new CappedProblems();
  for (const entry of repo.numbers) {
    const names = Object.keys(entry.config.flow.steps);
    const known = new Set(names);
    entry.config.tests?.forEach((test, i) => {
      const expect = test.expect;
      const path = Array.isArray(expect) ? expect : (expect.path ?? []);
      const at = Array.isArray(expect) ? ['tests', i, 'expect'] : ['tests', i, 'expect', 'path'];
      path.forEach((name, j) => {
        if (known.has(name)) return;
        problems.add(entry.file, () => {
          const suggestion = didYouMean(name, names);
          return problemAt(entry, [...at, j], 'error', 'test/unknown-step', `test "${excerpt(test.name)}" expects step "${name}", which does not exist in this flow${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
        });
      });
      if (!Array.isArray(expect) && expect.ends !== undefined && !ENDINGS.includes(expect.ends)) {
        problems.add(entry.file, () =>
          problemAt(entry, ['tests', i, 'expect', 'ends'], 'error', 'test/unknown-ending', `ends: "${expect.ends}" is not a way a call ends`, { hint: `one of ${ENDINGS.join(', ')}` }),
        );
      }
    });
  }
  return problems.list();
};
