import type { Message, Step } from '../config/schema/index.js';
import type { PathSegment } from '../config/locate.js';

/** One outgoing edge of a step: the YAML field it is written in and the step it leads to. */
export interface Branch {
  /** Human name of the branch: `next`, `open`, `option 1`, `no_input`… */
  label: string;
  /** Path inside the step, e.g. ['options', '1']. */
  path: PathSegment[];
  target: string;
}

/** Written with plain pushes: rules call this for every step, and spreads cost far more to run and to optimise. */
export function branchesOf(step: Step): Branch[] {
  const out: Branch[] = [];
  switch (step.type) {
    case 'message':
    case 'callback_request':
      addBranch(out, 'next', step.next);
      break;
    case 'time_rule':
      addBranch(out, 'open', step.open);
      addBranch(out, 'closed', step.closed);
      addBranch(out, 'holiday', step.holiday);
      break;
    case 'ivr':
      for (const key in step.options) out.push({ label: `option ${key}`, path: ['options', key], target: step.options[key]! });
      addBranch(out, 'no_input', step.no_input);
      addBranch(out, 'invalid_input', step.invalid_input);
      break;
    case 'input_ivr':
      addBranch(out, 'next', step.next);
      addBranch(out, 'no_input', step.no_input);
      addBranch(out, 'invalid_input', step.invalid_input);
      break;
    case 'ring':
      addBranch(out, 'unanswered', step.unanswered);
      break;
    case 'voicemail':
    case 'forward':
    case 'hangup':
      break;
  }
  return out;
}

function addBranch(out: Branch[], field: string, target: string | undefined): void {
  if (target) out.push({ label: field, path: [field], target });
}

/** Steps where a call can end: answered by an agent, recorded, transferred or hung up. */
export function canEndHere(step: Step): boolean {
  return step.type === 'ring' || step.type === 'voicemail' || step.type === 'forward' || step.type === 'hangup';
}

/** Every message a step plays, with its path inside the step. */
export function messagesOf(step: Step): Array<{ path: PathSegment[]; message: Message }> {
  const out: Array<{ path: PathSegment[]; message: Message }> = [];
  switch (step.type) {
    case 'message':
    case 'voicemail':
    case 'forward':
    case 'hangup':
      if (step.message) out.push({ path: ['message'], message: step.message });
      break;
    case 'ivr':
    case 'input_ivr':
      if (step.prompt) out.push({ path: ['prompt'], message: step.prompt });
      if (step.retries?.message) out.push({ path: ['retries', 'message'], message: step.retries.message });
      break;
    case 'callback_request':
      out.push({ path: ['confirmation'], message: step.confirmation });
      break;
    case 'ring':
      if (step.waiting && typeof step.waiting === 'object' && 'file' in step.waiting.music) out.push({ path: ['waiting', 'music'], message: step.waiting.music });
      break;
    case 'time_rule':
      break;
  }
  return out;
}
