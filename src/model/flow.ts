import type { PathSegment } from '../config/locate.js';
import type { Message, Step } from '../config/schema/index.js';
import { slotsOf } from './step-shape.js';

export { branchesOf, canEndHere, type Branch } from './step-shape.js';

/** Every message a step plays as written in YAML (recorded waiting music included), with its path inside the step. */
export function messagesOf(step: Step): Array<{ path: PathSegment[]; message: Message }> {
  return slotsOf(step).flatMap(({ path, value }) => (isMessage(value) ? [{ path, message: value }] : []));
}

function isMessage(value: unknown): value is Message {
  return value !== null && typeof value === 'object' && ('tts' in value || 'file' in value || 'ref' in value);
}
