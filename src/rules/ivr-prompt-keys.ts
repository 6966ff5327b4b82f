import { IVR_KEY } from '../config/schema/index.js';
import { keysNamedIn } from '../model/prompt-keys.js';
import { resolveMessage } from '../model/messages.js';
import type { Problem } from '../model/problem.js';
import { problemAt, type Rule } from './rule.js';

/**
 * "Changing IVR options without changing the prompt is a warning (the prompt must say the keys)":
 * when the prompt's text names keys, they must be exactly the options' keys.
 */
export const ivrPromptKeys: Rule = (repo) => {
  const problems: Problem[] = [];
  // Numbers of one team share their prompts: each distinct text is read once.
  const keysIn = new Map<string, Set<string>>();
  for (const entry of repo.numbers) {
    for (const [name, step] of Object.entries(entry.config.flow.steps)) {
      if (step.type !== 'ivr' || !step.prompt) continue;
      const prompt = resolveMessage(repo, step.prompt);
      if (!prompt || !('tts' in prompt)) continue;
      let spoken = keysIn.get(prompt.tts);
      if (!spoken) keysIn.set(prompt.tts, (spoken = keysNamedIn(prompt.tts)));
      if (spoken.size === 0) continue;
      // Keys that are not keypad keys are errors of their own (ivr/option-key).
      const options = new Set(Object.keys(step.options).filter((key) => IVR_KEY.test(key)));
      const unheard = [...options].filter((key) => !spoken.has(key));
      const dead = [...spoken].filter((key) => !options.has(key));
      const parts = [
        ...(dead.length ? [`the prompt offers ${list(dead)} but no option handles ${dead.length > 1 ? 'them' : 'it'}`] : []),
        ...(unheard.length ? [`option${unheard.length > 1 ? 's' : ''} ${list(unheard)} ${unheard.length > 1 ? 'are' : 'is'} never announced`] : []),
      ];
      if (parts.length === 0) continue;
      problems.push(
        problemAt(entry, ['flow', 'steps', name, 'options'], 'warning', 'ivr/prompt-keys', `ivr "${name}": ${parts.join('; ')}`, {
          key: true,
          hint: 'update the prompt so it says exactly the keys the options handle',
        }),
      );
    }
  }
  return problems;
};

const list = (keys: string[]) => keys.map((k) => `"${k}"`).join(', ');
