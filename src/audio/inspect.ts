import { availableParallelism } from 'node:os';
import type { AudioFacts } from './facts.js';
import { sha256File } from './hash.js';
import { probeAudioFile, type ProbeOptions } from './probe.js';
import type { ProbeCache } from './cache.js';
import { MAX_INSPECTED_BYTES } from './limits.js';

export interface InspectTarget {
  absolutePath: string;
  size: number;
  /** Known already (the loader hashes every referenced file); computed when absent. */
  sha256?: string | undefined;
}

export interface Inspection {
  /** Absent only for files too big to inspect. */
  sha256: string | undefined;
  facts: AudioFacts;
  fromCache: boolean;
}

export interface InspectorOptions extends ProbeOptions {
  cache: ProbeCache;
  /** Probes running at once; default: the machine's parallelism. */
  concurrency?: number;
}

export interface AudioInspector {
  inspect(target: InspectTarget): Promise<Inspection>;
  /** How many files went to ffprobe and how many came from the cache (for `--verbose` and benches). */
  readonly stats: { probed: number; fromCache: number };
}

/** Probe files through the cache: one ffprobe per distinct content, however many paths share it. */
export function createAudioInspector(options: InspectorOptions): AudioInspector {
  const inFlight = new Map<string, Promise<Inspection>>();
  const limit = semaphore(options.concurrency ?? Math.max(2, availableParallelism()));
  const stats = { probed: 0, fromCache: 0 };

  async function load(target: InspectTarget, sha256: string): Promise<Inspection> {
    const cached = await options.cache.get(sha256);
    if (cached) {
      stats.fromCache++;
      return { sha256, facts: cached, fromCache: true };
    }
    const outcome = await limit(() => probeAudioFile(target.absolutePath, target.size, options));
    stats.probed++;
    if (outcome.cacheable) await options.cache.set(sha256, outcome.facts);
    return { sha256, facts: outcome.facts, fromCache: false };
  }

  return {
    stats,
    async inspect(target) {
      // Too big to be worth reading: the size rule is all there is to say, no hash, no cache.
      if (target.size > (options.maxProbeBytes ?? MAX_INSPECTED_BYTES)) {
        const outcome = await probeAudioFile(target.absolutePath, target.size, options);
        return { sha256: target.sha256, facts: outcome.facts, fromCache: false };
      }
      const sha256 = target.sha256 ?? (await sha256File(target.absolutePath).catch(() => undefined));
      // Unhashable means unreadable: probing says so in the user's terms, and nothing is cached.
      if (sha256 === undefined) return { sha256, facts: (await probeAudioFile(target.absolutePath, target.size, options)).facts, fromCache: false };
      let pending = inFlight.get(sha256);
      if (!pending) {
        pending = load(target, sha256);
        inFlight.set(sha256, pending);
      }
      return pending;
    },
  };
}

/** At most `size` tasks at once; a finishing task hands its slot straight to the next waiter. */
function semaphore(size: number) {
  let active = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else active++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active--;
    }
  };
}
