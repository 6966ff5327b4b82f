import type { Step } from '../config/schema/index.js';
import { targetsOf } from '../model/flow.js';
import type { Problem } from '../model/problem.js';
import { problemAt, type Rule } from './rule.js';

/** The requirement as the product contract words it. */
const REQUIREMENT = '"The no-input and invalid-input branches must lead to a valid next step; an audio message or a voicemail is required."';

/**
 * "an audio message or a voicemail is required": a caller who pressed nothing (or a wrong key)
 * must hear something before the call ends. Time rules route silently; a hangup without a
 * message ends the call in silence. Anything else plays something or reaches someone.
 */
export const ivrFallbackHeard: Rule = (repo) => {
  const problems: Problem[] = [];
  for (const entry of repo.numbers) {
    const steps = entry.config.flow.steps;
    for (const [name, step] of Object.entries(steps)) {
      if (step.type !== 'ivr' && step.type !== 'input_ivr') continue;
      for (const field of ['no_input', 'invalid_input'] as const) {
        const target = step[field];
        // A missing or unknown target is ivr/*-target's error.
        if (target === undefined || !Object.hasOwn(steps, target)) continue;
        if (field === 'invalid_input' && step.retries?.final_message) continue;
        const silentEnd = silentHangupFrom(target, steps);
        if (silentEnd === undefined) continue;
        const via = silentEnd === target ? `"${target}" hangs up` : `the call reaches "${silentEnd}", which hangs up`;
        problems.push(
          problemAt(entry, ['flow', 'steps', name, field], 'error', 'ivr/fallback-silent', `${name}.${field}: ${via} with no message, so the caller hears nothing before the call ends`, {
            hint: `${REQUIREMENT} Lead ${field} to a message or voicemail step, or give the hangup a message${field === 'invalid_input' ? ', or set retries.final_message' : ''}`,
          }),
        );
      }
    }
  }
  return problems;
};

/** The first silent hangup reachable from `start` through steps that play nothing, if any. */
function silentHangupFrom(start: string, steps: Readonly<Record<string, Step>>): string | undefined {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const name = queue.shift()!;
    if (seen.has(name) || !Object.hasOwn(steps, name)) continue;
    seen.add(name);
    const step = steps[name]!;
    if (step.type === 'hangup' && !step.message) return name;
    if (step.type === 'time_rule') queue.push(...targetsOf(step));
  }
  return undefined;
}
