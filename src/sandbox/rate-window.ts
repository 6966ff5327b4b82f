/**
 * The server side of Aircall's rate limit: a fixed budget per window (60 requests per
 * minute by default), announced on every response in `X-AircallApi-Limit`, `-Remaining` and
 * `-Reset` (UNIX seconds), with 429 beyond it. Windows are aligned on the clock, as a
 * per-minute counter is.
 */
import type { Clock } from '../clock.js';

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms of the window's end. */
  resetAt: number;
}

export class RateWindow {
  private windowStart = -1;
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  take(): RateDecision {
    const now = this.clock.now();
    const start = Math.floor(now / this.windowMs) * this.windowMs;
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.used = 0;
    }
    const resetAt = start + this.windowMs;
    if (this.used >= this.limit) return { allowed: false, limit: this.limit, remaining: 0, resetAt };
    this.used += 1;
    return { allowed: true, limit: this.limit, remaining: this.limit - this.used, resetAt };
  }
}
