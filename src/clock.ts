/** Time as a dependency: real in production, simulated in tests (a minute of rate limit in a millisecond). */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A clock that only moves when someone sleeps: sleeping advances time instantly. */
export class FakeClock implements Clock {
  constructor(private time = Date.UTC(2026, 0, 5, 9, 0, 0)) {}

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.time += Math.max(0, ms);
    // Yield so concurrent work interleaves as it would in real time.
    await Promise.resolve();
  }

  advance(ms: number): void {
    this.time += ms;
  }
}
