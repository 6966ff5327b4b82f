import { didYouMean } from '../config/did-you-mean.js';
import { messagesOf } from '../model/flow.js';
import { CappedProblems } from './problem-cap.js';
import { problemAt, type Rule } from './rule.js';

/**
 * "unknown schedule/message refs": names must match a file in config/schedules or config/messages.
 * A file that is there but failed to load is not unknown: its own errors say what is wrong.
 */
export const sharedRefs: Rule = (repo) => {
  const problems = new CappedProblems();
  const schedules = [...repo.schedules.keys()];
  const messages = [...repo.messages.keys()];
  const { failedToLoad } = repo;
  const describe = (kind: string, dir: string, name: string, known: string[]) => {
    const suggestion = didYouMean(name, known);
    return `${kind} "${name}" not found in ${repo.configDir}/${dir}/${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
  };
  for (const entry of repo.numbers) {
    for (const [name, step] of Object.entries(entry.config.flow.steps)) {
      if (step.type === 'time_rule' && !repo.schedules.has(step.schedule) && !failedToLoad.schedules.has(step.schedule)) {
        problems.add(entry.file, () => problemAt(entry, ['flow', 'steps', name, 'schedule'], 'error', 'ref/unknown-schedule', describe('schedule', 'schedules', step.schedule, schedules)));
      }
      for (const { path, message } of messagesOf(step)) {
        if ('ref' in message && !repo.messages.has(message.ref) && !failedToLoad.messages.has(message.ref)) {
          problems.add(entry.file, () => problemAt(entry, ['flow', 'steps', name, ...path, 'ref'], 'error', 'ref/unknown-message', describe('message', 'messages', message.ref, messages)));
        }
      }
    }
  }
  return problems.list();
};
