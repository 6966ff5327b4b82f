import { didYouMean } from '../config/did-you-mean.js';
import { audioReferences } from '../model/audio-refs.js';
import type { Problem } from '../model/problem.js';
import { problemAt, type Rule } from './rule.js';

/** Anything but ASCII letters, digits, `.`, `-`, `_` and spaces in a file name. */
const SPECIAL = /[^A-Za-z0-9._ -]/u;
const fileName = (path: string) => path.split('/').at(-1) ?? path;

/** "Custom files are .mp3" and live in the repo: the path must exist, stay inside, end in .mp3. */
export const audioPath: Rule = (repo) => {
  const problems: Problem[] = [];
  for (const ref of audioReferences(repo.numbers, repo.messages)) {
    const at = (rule: string, message: string, hint?: string) =>
      problems.push(problemAt(ref.entry, ref.yamlPath, 'error', rule, message, hint ? { hint } : {}));
    const info = repo.audio.get(ref.path);
    const isMp3 = ref.path.toLowerCase().endsWith('.mp3');
    if (!isMp3 && info?.status !== 'missing') {
      at('audio/not-mp3', `"${ref.path}" is not an .mp3 file`, `convert it: callflow audio fix ${ref.path} ${ref.path.replace(/\.[^./]+$/, '')}.mp3`);
    } else if (info?.status === 'outside-repo') {
      at('audio/outside-repo', `"${ref.path}" points outside the repository`, 'keep audio under audio/ and use a repo-relative path');
    } else if (info?.status === 'missing') {
      const suggestion = didYouMean(fileName(ref.path), info.nearby ?? []);
      const near = suggestion === undefined ? undefined : `${ref.path.slice(0, ref.path.length - fileName(ref.path).length)}${suggestion}`;
      // A missing .wav is missing first: advice to convert a file that is not there would mislead.
      at('audio/missing', `"${ref.path}" does not exist${near ? `; did you mean "${near}"?` : ''}`, isMp3 ? undefined : 'custom files are .mp3 files in the repository');
    } else if (info?.status === 'not-a-file') {
      at('audio/not-a-file', `"${ref.path}" is ${info.kind ?? 'not a regular file'}`);
    } else if (SPECIAL.test(fileName(ref.path))) {
      // Aircall: "no special characters (#, $, ^…) in file names"; its upload mangles or rejects them.
      const special = [...new Set(fileName(ref.path).match(new RegExp(SPECIAL.source, 'gu')))].join(' ');
      at('audio/file-name', `"${ref.path}": the file name has characters Aircall does not accept (${special})`, 'rename it using only letters, digits, spaces, dots, - and _');
    }
  }
  return problems;
};
