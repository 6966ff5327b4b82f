import { audioReferences } from '../model/audio-refs.js';
import type { AudioFileInfo, Repo } from '../model/repo.js';
import type { Problem } from '../model/problem.js';
import { problemAt } from '../rules/rule.js';
import type { RepoCheck } from '../pipeline/validate-repo.js';
import { audioCacheDir, fileProbeCache, type ProbeCache } from './cache.js';
import { createAudioInspector, type AudioInspector, type Inspection } from './inspect.js';
import { judgeAudio } from './rules/index.js';
import { findFfprobe } from './tools.js';

export interface AudioCheckOptions {
  /** Default: `.callflow/cache/audio/` under the repo root. */
  cache?: ProbeCache;
  /** Default: `ffprobe-static`, else ffprobe on PATH. */
  ffprobe?: string;
  timeoutMs?: number;
  /** Told how many files were probed and how many came from the cache. */
  onStats?: (stats: AudioInspector['stats']) => void;
}

/**
 * `validate`'s audio content check: probe every referenced .mp3 once (by content), then judge it
 * for each place the YAML uses it, so each problem points at the `file:` line that brought it in.
 */
export function audioContentCheck(options: AudioCheckOptions = {}): RepoCheck {
  return async (repo: Repo): Promise<Problem[]> => {
    // Wrong extension, missing, outside, not a file: `audio/path` already said so.
    const refs = audioReferences(repo.numbers, repo.messages).filter((ref) => {
      const info = repo.audio.get(ref.path);
      return info?.status === 'ok' && ref.path.toLowerCase().endsWith('.mp3');
    });
    if (!refs.length) return [];

    const ffprobe = options.ffprobe ?? (await findFfprobe())?.path;
    if (!ffprobe) {
      return refs.map((ref) =>
        problemAt(ref.entry, ref.yamlPath, 'warning', 'audio/not-inspected', `"${ref.path}" was not inspected: no ffprobe found`, {
          hint: 'run npm install (it brings ffprobe-static) or install ffmpeg',
        }),
      );
    }
    const inspector = createAudioInspector({
      ffprobe,
      cache: options.cache ?? fileProbeCache(audioCacheDir(repo.root)),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    const inspected = await inspectAll(inspector, new Set(refs.map((ref) => repo.audio.get(ref.path)!)));
    options.onStats?.(inspector.stats);
    // What the inspection learnt travels with the file, so plans can show a re-recording's duration.
    for (const [path, inspection] of inspected) {
      const info = repo.audio.get(path);
      const { probe } = inspection.facts;
      const seconds = probe.ok ? (probe.packetSeconds ?? probe.durationSeconds) : undefined;
      if (info && seconds !== undefined) info.seconds = seconds;
    }

    return refs.flatMap((ref) => {
      const inspection = inspected.get(ref.path)!;
      return judgeAudio({ path: ref.path, facts: inspection.facts, use: ref.use }).map((finding) =>
        problemAt(ref.entry, ref.yamlPath, finding.severity, finding.rule, `"${ref.path}" ${finding.message}`, finding.hint ? { hint: finding.hint } : {}),
      );
    });
  };
}

async function inspectAll(inspector: AudioInspector, files: Set<AudioFileInfo>): Promise<Map<string, Inspection>> {
  const entries = await Promise.all(
    [...files].map(async (info) => {
      const inspection = await inspector.inspect({ absolutePath: info.absolutePath!, size: info.size!, sha256: info.sha256 });
      return [info.path, inspection] as const;
    }),
  );
  return new Map(entries);
}
