import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { audioFacts, type AudioFacts } from './facts.js';

/**
 * Bump when what a probe records, or what the rules read from it, changes: every old entry
 * then misses, so a rule change never judges stale facts.
 */
export const AUDIO_CACHE_VERSION = 2;

export interface ProbeCache {
  get(sha256: string): Promise<AudioFacts | undefined>;
  set(sha256: string, facts: AudioFacts): Promise<void>;
}

const entry = z.object({ key: z.string(), facts: audioFacts });

/** Where `validate` keeps probe results: under the repo, git-ignored, safe to delete. */
export function audioCacheDir(root: string): string {
  return join(root, '.callflow', 'cache', 'audio');
}

/** One small JSON file per content hash, so concurrent runs never fight over one index. */
export function fileProbeCache(dir: string): ProbeCache {
  const keyOf = (sha256: string) => `v${AUDIO_CACHE_VERSION}-${sha256}`;
  const pathOf = (sha256: string) => join(dir, `${keyOf(sha256)}.json`);
  return {
    async get(sha256) {
      const text = await readFile(pathOf(sha256), 'utf8').catch(() => undefined);
      if (text === undefined) return undefined;
      try {
        const parsed = entry.safeParse(JSON.parse(text));
        return parsed.success && parsed.data.key === keyOf(sha256) ? parsed.data.facts : undefined;
      } catch {
        return undefined;
      }
    },
    async set(sha256, facts) {
      // Write then rename: a reader never sees half a file. A read-only checkout just goes uncached.
      const target = pathOf(sha256);
      const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      try {
        await mkdir(dir, { recursive: true });
        await writeFile(temp, JSON.stringify({ key: keyOf(sha256), facts }));
        await rename(temp, target);
      } catch {
        await rm(temp, { force: true }).catch(() => undefined);
      }
    },
  };
}

/** For `--no-cache` style callers and tests that want every file probed. */
export const noProbeCache: ProbeCache = {
  get: async () => undefined,
  set: async () => undefined,
};
