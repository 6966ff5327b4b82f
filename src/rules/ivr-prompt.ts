import { CappedProblems } from './problem-cap.js';
import { problemAt, type Rule } from './rule.js';

/** "Every IVR and input IVR has a prompt message." */
export const ivrPrompt: Rule = (repo) => {
  const problems = new CappedProblems();
  for (const entry of repo.numbers) {
    for (const [name, step] of Object.entries(entry.config.flow.steps)) {
      if ((step.type === 'ivr' || step.type === 'input_ivr') && !step.prompt) {
        problems.add(entry.file, () =>
          problemAt(entry, ['flow', 'steps', name], 'error', 'ivr/prompt-required', `${step.type} "${name}" has no prompt: callers would hear silence`, {
            key: true,
            hint: 'add prompt: { tts: "..." } or prompt: { file: audio/....mp3 }',
          }),
        );
      }
    }
  }
  return problems.list();
};
