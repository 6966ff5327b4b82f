import { audioReferences } from '../model/audio-refs.js';
import type { Problem } from '../model/problem.js';
import { problemAt, type Rule } from './rule.js';

/** "Custom files are .mp3" and live in the repo: the path must exist, stay inside, end in .mp3. */
export const audioPath: Rule = (repo) => {
  const problems: Problem[] = [];
  for (const ref of audioReferences(repo.numbers, repo.messages.values())) {
    const at = (rule: string, message: string, hint?: string) =>
      problems.push(problemAt(ref.entry, ref.yamlPath, 'error', rule, message, hint ? { hint } : {}));
    const info = repo.audio.get(ref.path);
    if (!ref.path.toLowerCase().endsWith('.mp3')) {
      at('audio/not-mp3', `"${ref.path}" is not an .mp3 file`, `convert it: callflow audio fix ${ref.path} ${ref.path.replace(/\.[^./]+$/, '')}.mp3`);
    } else if (info?.status === 'outside-repo') {
      at('audio/outside-repo', `"${ref.path}" points outside the repository`, 'keep audio under audio/ and use a repo-relative path');
    } else if (info?.status === 'missing') {
      at('audio/missing', `"${ref.path}" does not exist`);
    } else if (info?.status === 'not-a-file') {
      at('audio/not-a-file', `"${ref.path}" is ${info.kind ?? 'not a regular file'}`);
    }
  }
  return problems;
};
