import { IVR_KEY } from '../config/schema/index.js';
import { excerpt } from '../model/excerpt.js';
import { CappedProblems } from './problem-cap.js';
import { problemAt, type Rule } from './rule.js';

/** IVR options are single keys of the phone keypad: 0-9, * and #. */
export const ivrOptionKeys: Rule = (repo) => {
  const noOptions = new CappedProblems();
  const badKeys = new CappedProblems();
  for (const entry of repo.numbers) {
    for (const [name, step] of Object.entries(entry.config.flow.steps)) {
      if (step.type !== 'ivr') continue;
      const keys = Object.keys(step.options);
      if (keys.length === 0) {
        noOptions.add(entry.file, () => problemAt(entry, ['flow', 'steps', name, 'options'], 'error', 'ivr/no-options', `ivr "${name}" has no options`, { hint: 'add options: { "1": <step> }' }));
      }
      for (const key of keys) {
        if (IVR_KEY.test(key)) continue;
        badKeys.add(entry.file, () =>
          problemAt(entry, ['flow', 'steps', name, 'options', key], 'error', 'ivr/option-key', `option "${excerpt(key)}" is not a keypad key`, {
            key: true,
            hint: 'use one key: 0-9, * or # (quote * and #)',
          }),
        );
      }
    }
  }
  return [...noOptions.list(), ...badKeys.list()];
};
