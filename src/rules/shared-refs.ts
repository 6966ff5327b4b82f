import { lazySuggester } from '../config/did-you-mean.js';
import { messagesOf } from '../model/flow.js';
import type { Problem } from '../model/problem.js';
import { problemAt, type Rule } from './rule.js';

/** "unknown schedule/message refs": names must match a file in config/schedules or config/messages. */
export const sharedRefs: Rule = (repo) => {
  const problems: Problem[] = [];
  const schedules = lazySuggester(() => [...repo.schedules.keys()]);
  const messages = lazySuggester(() => [...repo.messages.keys()]);
  const describe = (kind: string, dir: string, name: string, suggest: (name: string) => string | undefined) => {
    const suggestion = suggest(name);
    return `${kind} "${name}" not found in ${repo.configDir}/${dir}/${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
  };
  for (const entry of repo.numbers) {
    for (const [name, step] of Object.entries(entry.config.flow.steps)) {
      if (step.type === 'time_rule' && !repo.schedules.has(step.schedule)) {
        problems.push(problemAt(entry, ['flow', 'steps', name, 'schedule'], 'error', 'ref/unknown-schedule', describe('schedule', 'schedules', step.schedule, schedules)));
      }
      for (const { path, message } of messagesOf(step)) {
        if ('ref' in message && !repo.messages.has(message.ref)) {
          problems.push(problemAt(entry, ['flow', 'steps', name, ...path, 'ref'], 'error', 'ref/unknown-message', describe('message', 'messages', message.ref, messages)));
        }
      }
    }
  }
  return problems;
};
