import { didYouMean } from '../config/did-you-mean.js';
import type { Flow } from '../config/schema/index.js';
import { excerpt } from '../model/excerpt.js';
import { targetsOf } from '../model/flow.js';
import { hasOwn } from '../model/own.js';
import { CappedProblems } from './problem-cap.js';
import { problemAt } from './rule.js';
import type { Rule } from './rule.js';

const ENDINGS = ['answered', 'voicemail', 'forward', 'hangup'];

/**
 * A flow test's expectation must name steps (and an ending) that exist, or it can never pass. A
 * name the flow itself uses without defining it (a renamed step, a typo in `start`) is reported
 * there by flow/unknown-step; here a did-you-mean would point the fix the wrong way.
 */
export const testSteps: Rule = (repo) => {
  const problems = new CappedProblems();
  for (const entry of repo.numbers) {
    if (!entry.config.tests?.length) continue;
    const names = Object.keys(entry.config.flow.steps);
    const known = new Set(names);
    // Asked only when a test names a step the flow lacks.
    let reportedInFlow: Set<string> | undefined;
    entry.config.tests.forEach((test, i) => {
      const expect = test.expect;
      const path = Array.isArray(expect) ? expect : (expect.path ?? []);
      const at = Array.isArray(expect) ? ['tests', i, 'expect'] : ['tests', i, 'expect', 'path'];
      path.forEach((name, j) => {
        if (known.has(name)) return;
        reportedInFlow ??= new Set(usedButUndefined(entry.config.flow));
        if (reportedInFlow.has(name)) return;
        problems.add(entry.file, () => {
          const suggestion = didYouMean(name, names);
          return problemAt(entry, [...at, j], 'error', 'test/unknown-step', `test "${excerpt(test.name)}" expects step "${name}", which does not exist in this flow${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
        });
      });
      if (!Array.isArray(expect) && expect.ends !== undefined && !ENDINGS.includes(expect.ends)) {
        problems.add(entry.file, () => {
          const suggestion = didYouMean(expect.ends!, ENDINGS);
          return problemAt(entry, ['tests', i, 'expect', 'ends'], 'error', 'test/unknown-ending', `ends: "${expect.ends}" is not a way a call ends${suggestion ? `; did you mean "${suggestion}"?` : ''}`, {
            hint: `one of ${ENDINGS.join(', ')}`,
          });
        });
      }
    });
  }
  return problems.list();
};

/** Step names the flow goes to (`start` and every branch) that are not among its steps. */
function usedButUndefined(flow: Flow): string[] {
  const used = [flow.start, ...Object.values(flow.steps).flatMap(targetsOf)];
  return used.filter((name) => !hasOwn(flow.steps, name));
}
