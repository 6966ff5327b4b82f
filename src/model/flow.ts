import type { PathSegment } from '../config/locate.js';
import type { Message, Step } from '../config/schema/index.js';
import { branchesOf as branchesOfStep, slotsOf, type Branch } from './step-shape.js';

export { canEndHere, targetsOf, type Branch } from './step-shape.js';

/** A step's outgoing edges as written in YAML (see step-shape.ts), once per step object like messagesOf. */
export function branchesOf(step: Step): readonly Branch[] {
  let found = branches.get(step);
  if (!found) {
    found = branchesOfStep(step);
    branches.set(step, found);
  }
  return found;
}

const branches = new WeakMap<Step, readonly Branch[]>();

/** Every message a step plays as written in YAML (recorded waiting music included), with its path inside the step. */
export function messagesOf(step: Step): ReadonlyArray<{ path: readonly PathSegment[]; message: Message }> {
  let found = asked.get(step);
  if (!found) {
    found = slotsOf(step).flatMap(({ path, value }) => (isMessage(value) ? [{ path, message: value }] : []));
    asked.set(step, found);
  }
  return found;
}

/**
 * Several rules, audio references and the simulator ask the same step: answered once per step
 * object (loaded config is not changed afterwards). The answer is shared, so it is read-only.
 */
const asked = new WeakMap<Step, ReadonlyArray<{ path: readonly PathSegment[]; message: Message }>>();

function isMessage(value: unknown): value is Message {
  return value !== null && typeof value === 'object' && ('tts' in value || 'file' in value || 'ref' in value);
}
