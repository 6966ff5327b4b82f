/**
 * "Team and user names in ring steps are checked against the account": a ring step that names
 * a team or user the account does not have would ring nobody. Pure: the caller reads the
 * account's users and teams and passes them in.
 */
import type { NumberConfig } from '../config/schema/index.js';
import type { RingTarget } from '../model/live.js';
import type { Problem } from '../model/problem.js';
import type { Entry } from '../model/repo.js';
import { problemAt } from '../rules/rule.js';
import { didYouMean } from '../config/did-you-mean.js';

export function ringTargetProblems(numbers: readonly Entry<NumberConfig>[], targets: readonly RingTarget[]): Problem[] {
  const known = { team: targets.filter((t) => t.kind === 'team').map((t) => t.name), user: targets.filter((t) => t.kind === 'user').map((t) => t.name) };
  const problems: Problem[] = [];
  for (const entry of numbers) {
    for (const [name, step] of Object.entries(entry.config.flow.steps)) {
      if (step.type !== 'ring') continue;
      for (const { kind, target, path } of namedTargets(step.to)) {
        if (known[kind].includes(target)) continue;
        // In the message, as every other did-you-mean: the plan's Markdown (the pull request comment) shows no hints.
        const guess = didYouMean(target, known[kind]);
        problems.push(
          problemAt(entry, ['flow', 'steps', name, 'to', ...path], 'error', 'plan/unknown-ring-target', `ring step "${name}" rings ${kind} "${target}", which the account does not have${guess ? `; did you mean "${guess}"?` : ''}`, {
            hint: `create the ${kind} in the account first, or correct the name`,
          }),
        );
      }
    }
  }
  return problems;
}

type Target = { kind: 'team' | 'user'; target: string; path: Array<string | number> };

function namedTargets(to: Extract<NumberConfig['flow']['steps'][string], { type: 'ring' }>['to']): Target[] {
  if ('team' in to) return [{ kind: 'team', target: to.team, path: ['team'] }];
  if ('user' in to) return [{ kind: 'user', target: to.user, path: ['user'] }];
  if ('teams' in to) return to.teams.map((target, i) => ({ kind: 'team' as const, target, path: ['teams', i] }));
  return to.users.map((target, i) => ({ kind: 'user' as const, target, path: ['users', i] }));
}

/** Whether a plan needs the account's users and teams at all (two more requests). */
export function hasRingSteps(numbers: readonly Entry<NumberConfig>[]): boolean {
  return numbers.some((entry) => Object.values(entry.config.flow.steps).some((step) => step.type === 'ring'));
}
