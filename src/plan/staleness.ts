/**
 * "`apply --plan FILE` refuses if live moved since that plan": compare what the plan was made
 * against with what the provider returns now, number by number.
 */
import type { LiveNumber } from '../model/live.js';
import { liveBlock } from './diff-number.js';
import { liveHash } from './plan.js';
import type { Plan } from './plan-schema.js';

export interface LiveMove {
  number: string;
  /** What changed, for the refusal message. */
  reason: string;
}

export function liveMovesSince(plan: Plan, live: readonly LiveNumber[]): LiveMove[] {
  const now = new Map(live.map((n) => [n.number, n]));
  const moves: LiveMove[] = [];
  for (const input of plan.inputs.numbers) {
    const current = now.get(input.number);
    if (!current) {
      if (input.liveId !== null) moves.push({ number: input.number, reason: 'no longer in the account' });
      continue;
    }
    if (input.liveId === null) {
      moves.push({ number: input.number, reason: 'now in the account (it was not when planned)' });
      continue;
    }
    const block = liveBlock(current);
    if (block.latestVersion !== input.latestVersion) {
      moves.push({ number: input.number, reason: `flow version is now ${block.latestVersion ?? 'none'} (planned against ${input.latestVersion ?? 'none'})` });
    } else if (liveHash(block) !== input.live) {
      const what = block.messages ? 'settings or music & messages' : 'settings or published flow';
      moves.push({ number: input.number, reason: `${what} changed since the plan` });
    }
  }
  return moves;
}
