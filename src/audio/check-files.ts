import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AudioUse } from '../model/audio-refs.js';
import type { AudioFileInfo } from '../model/repo.js';
import type { AudioFacts } from './facts.js';
import type { AudioInspector } from './inspect.js';
import { judgeAudio, verdictOf, type AudioFinding, type Verdict } from './rules/index.js';

/** One line of `callflow audio check`: a file, what it holds, and what is wrong with it. */
export interface AudioCheckRow {
  /** As the user named it (argument or YAML `file:` value). */
  file: string;
  sha256?: string | undefined;
  facts?: AudioFacts;
  findings: AudioFinding[];
  verdict: Verdict;
}

/** A file named on the command line: wherever it is, but it must be a regular file. */
export async function checkNamedFile(inspector: AudioInspector, cwd: string, file: string): Promise<AudioCheckRow> {
  const absolutePath = resolve(cwd, file);
  const info = await stat(absolutePath).catch(() => undefined);
  if (!info) return failedRow(file, 'audio/missing', 'does not exist');
  if (!info.isFile()) return failedRow(file, 'audio/not-a-file', `is ${kindOf(info)}`);
  const inspection = await inspector.inspect({ absolutePath, size: info.size });
  return judgedRow(file, inspection.sha256, inspection.facts, [undefined]);
}

/** A file the config references, judged for every way the config uses it. */
export async function checkReferencedFile(inspector: AudioInspector, info: AudioFileInfo, uses: readonly AudioUse[]): Promise<AudioCheckRow> {
  if (!info.path.toLowerCase().endsWith('.mp3')) return failedRow(info.path, 'audio/not-mp3', 'is not an .mp3 file');
  if (info.status === 'missing') return failedRow(info.path, 'audio/missing', 'does not exist');
  if (info.status === 'outside-repo') return failedRow(info.path, 'audio/outside-repo', 'points outside the repository');
  if (info.status === 'not-a-file') return failedRow(info.path, 'audio/not-a-file', `is ${info.kind ?? 'not a regular file'}`);
  const inspection = await inspector.inspect({ absolutePath: info.absolutePath!, size: info.size!, sha256: info.sha256 });
  return judgedRow(info.path, inspection.sha256, inspection.facts, uses);
}

function judgedRow(file: string, sha256: string | undefined, facts: AudioFacts, uses: ReadonlyArray<AudioUse | undefined>): AudioCheckRow {
  const seen = new Set<string>();
  const findings = uses
    .flatMap((use) => judgeAudio({ path: file, facts, use }))
    .filter((finding) => {
      const key = `${finding.rule}\n${finding.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { file, sha256, facts, findings, verdict: verdictOf(findings) };
}

function failedRow(file: string, rule: string, message: string): AudioCheckRow {
  return { file, findings: [{ severity: 'error', rule, message }], verdict: 'error' };
}

function kindOf(info: Awaited<ReturnType<typeof stat>>): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}
