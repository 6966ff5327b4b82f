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

export function branchesOf(step: Step): Branch[] {
  const one = (field: string, target: string | undefined): Branch[] => (target ? [{ label: field, path: [field], target }] : []);
  switch (step.type) {
    case 'message':
    case 'callback_request':
      return one('next', step.next);
    case 'time_rule':
      return [...one('open', step.open), ...one('closed', step.closed), ...one('holiday', step.holiday)];
    case 'ivr':
      return [
        ...Object.entries(step.options).map(([key, target]) => ({ label: `option ${key}`, path: ['options', key], target })),
        ...one('no_input', step.no_input),
        ...one('invalid_input', step.invalid_input),
      ];
    case 'input_ivr':
      return [...one('next', step.next), ...one('no_input', step.no_input), ...one('invalid_input', step.invalid_input)];
    case 'ring':
      return one('unanswered', step.unanswered);
    case 'voicemail':
    case 'forward':
    case 'hangup':
      return [];
  }
}

/** Steps where a call can end: answered by an agent, recorded, transferred or hung up. */
export function canEndHere(step: Step): boolean {
  return step.type === 'ring' || step.type === 'voicemail' || step.type === 'forward' || step.type === 'hangup';
}

/** Every message a step plays, with its path inside the step. */
export function messagesOf(step: Step): Array<{ path: PathSegment[]; message: Message }> {
  const out: Array<{ path: PathSegment[]; message: Message }> = [];
  const add = (path: PathSegment[], message: Message | undefined) => {
    if (message) out.push({ path, message });
  };
  switch (step.type) {
    case 'message':
    case 'voicemail':
      add(['message'], step.message);
      break;
    case 'forward':
    case 'hangup':
      add(['message'], step.message);
      break;
    case 'ivr':
    case 'input_ivr':
      add(['prompt'], step.prompt);
      add(['retries', 'message'], step.retries?.message);
      break;
    case 'callback_request':
      add(['confirmation'], step.confirmation);
      break;
    case 'ring':
      if (step.waiting && typeof step.waiting === 'object' && 'file' in step.waiting.music) {
        add(['waiting', 'music'], step.waiting.music);
      }
      break;
    case 'time_rule':
      break;
  }
  return out;
}
