/**
 * Fault injection for tests, reproducible (the draws come from a seeded generator in request
 * order). Two kinds, which a client's retries must both survive:
 *   `rate=0.2,status=500|503|429,latency_ms=300` — about 20 % of requests stall for 300 ms and/or
 *       fail with one of the statuses before they are handled: the write never happened;
 *   `lost=0.1` — about 10 % of requests are handled (a write is made durable) and then the
 *       connection is cut before the answer leaves: the write happened, the client cannot know.
 */
export interface FaultSpec {
  rate: number;
  statuses: number[];
  latencyMs: number;
  seed: number;
  /** Share of requests whose answer is lost after they were handled. */
  lost?: number;
}

export interface Fault {
  delayMs: number;
  status?: number;
  /** Handle the request, then cut the connection instead of answering. */
  loseAnswer?: boolean;
}

export function parseFaults(text: string): FaultSpec {
  const spec: FaultSpec = { rate: 0, statuses: [], latencyMs: 0, seed: 1 };
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const [key, value = ''] = part.split('=', 2).map((p) => p.trim()) as [string, string?];
    switch (key) {
      case 'rate':
        spec.rate = Number(value);
        if (!(spec.rate >= 0 && spec.rate <= 1)) throw new Error(`faults: rate must be between 0 and 1 (got "${value}")`);
        break;
      case 'status':
        spec.statuses = value.split('|').map(Number);
        if (spec.statuses.some((s) => !Number.isInteger(s) || s < 400 || s > 599)) throw new Error(`faults: status must be HTTP error codes separated by | (got "${value}")`);
        break;
      case 'latency_ms':
        spec.latencyMs = Number(value);
        if (!(spec.latencyMs >= 0)) throw new Error(`faults: latency_ms must be a number of milliseconds (got "${value}")`);
        break;
      case 'lost':
        spec.lost = Number(value);
        if (!(spec.lost >= 0 && spec.lost <= 1)) throw new Error(`faults: lost must be between 0 and 1 (got "${value}")`);
        break;
      case 'seed':
        spec.seed = Number(value);
        if (!Number.isInteger(spec.seed)) throw new Error(`faults: seed must be an integer (got "${value}")`);
        break;
      default:
        throw new Error(`faults: unknown setting "${key}" (use rate, status, latency_ms, lost, seed)`);
    }
  }
  if (spec.rate > 0 && spec.statuses.length === 0 && spec.latencyMs === 0) spec.statuses = [500];
  return spec;
}

/** Decides, request after request, which ones fail. */
export class FaultInjector {
  private readonly next: () => number;
  /** Its own sequence, so adding `lost` to a spec keeps the failures a seed gave before. */
  private readonly nextLost: () => number;

  constructor(private readonly spec: FaultSpec) {
    this.next = mulberry32(spec.seed);
    this.nextLost = mulberry32(spec.seed ^ 0x5bd1e995);
  }

  draw(): Fault | undefined {
    const before = this.drawBefore();
    const lose = (this.spec.lost ?? 0) > 0 && this.nextLost() < this.spec.lost!;
    if (!lose) return before;
    return { ...(before ?? { delayMs: 0 }), loseAnswer: true };
  }

  private drawBefore(): Fault | undefined {
    if (this.spec.rate <= 0) return undefined;
    const hit = this.next() < this.spec.rate;
    const pick = this.next();
    if (!hit) return undefined;
    const fault: Fault = { delayMs: this.spec.latencyMs };
    if (this.spec.statuses.length > 0) fault.status = this.spec.statuses[Math.floor(pick * this.spec.statuses.length)]!;
    return fault;
  }
}

/** Small, fast, seedable PRNG: the same seed gives the same faults on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
