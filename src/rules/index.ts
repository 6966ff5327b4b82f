import type { Repo } from '../model/repo.js';
import type { Problem } from '../model/problem.js';
import { audioPath } from './audio-path.js';
import { flowNoExit } from './flow-no-exit.js';
import { flowReferences } from './flow-references.js';
import { flowUnreachable } from './flow-unreachable.js';
import { ivrFallbacks } from './ivr-fallbacks.js';
import { ivrFallbackHeard } from './ivr-fallback-heard.js';
import { inputDigits } from './input-digits.js';
import { ivrOptionKeys } from './ivr-option-keys.js';
import { ivrPrompt } from './ivr-prompt.js';
import { ivrPromptKeys } from './ivr-prompt-keys.js';
import { numberDuplicate } from './number-duplicate.js';
import { ringWaiting } from './ring-waiting.js';
import type { Rule } from './rule.js';
import { scheduleCalendar } from './schedule-calendar.js';
import { scheduleHours } from './schedule-hours.js';
import { sharedRefs } from './shared-refs.js';
import { testSteps } from './test-steps.js';
import { ttsLength } from './tts-length.js';

export const RULES: readonly Rule[] = [
  numberDuplicate,
  flowReferences,
  flowUnreachable,
  flowNoExit,
  ivrPrompt,
  ivrFallbacks,
  ivrFallbackHeard,
  inputDigits,
  ivrOptionKeys,
  ivrPromptKeys,
  ringWaiting,
  sharedRefs,
  ttsLength,
  audioPath,
  scheduleHours,
  scheduleCalendar,
  testSteps,
];

export function runRules(repo: Repo, rules: readonly Rule[] = RULES): Problem[] {
  return rules.flatMap((rule) => rule(repo));
}
