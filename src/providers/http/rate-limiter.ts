/**
 * Client-side rate limiter: keeps within the API's budget (Aircall: 60 requests per minute)
 * without ever drawing a 429 in steady state. It keeps the last `limit` requests; a request
 * in flight counts as "just now" and its time is taken when its answer arrives. The server
 * received it somewhere between our send and that answer, so once the oldest recorded answer
 * is a full window old, a new send cannot fall in a window with more than `limit` requests —
 * whatever the latency and whatever the alignment of the server's windows.
 * The server's own figures (`X-AircallApi-Limit`, `-Remaining`, `-Reset`) adjust it: another
 * client sharing the account may have spent part of the budget.
 */
import type { Clock } from '../../clock.js';

export interface RateLimit {
  limit: number;
  windowMs: number;
}

interface Slot {
  /** When the answer arrived; undefined while in flight. */
  doneAt?: number;
}

export class RateLimiter {
  private readonly slots: Slot[] = [];
  private blockedUntil = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private wakeUp: (() => void) | undefined;

  constructor(
    private budget: RateLimit,
    private readonly clock: Clock,
    /** Slack for clock granularity between us and the server. */
    private readonly marginMs = Math.min(100, budget.windowMs / 600),
  ) {}

  /** Resolves, in call order, when one more request may go; call the returned `done` when its answer arrives. */
  acquire(): Promise<() => void> {
    const turn = this.queue.then(() => this.waitForSlot());
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Learns from the server's rate-limit headers (absent headers change nothing). */
  observe(headers: { limit?: number; remaining?: number; resetAt?: number }): void {
    // The server knows its budget better than our default (Aircall has changed it over time).
    if (headers.limit !== undefined && headers.limit > 0) this.budget = { ...this.budget, limit: headers.limit };
    if (headers.remaining === 0 && headers.resetAt !== undefined) this.blockUntil(headers.resetAt);
  }

  /** After a 429 (or a server saying "no more"): nothing goes out before `time`. */
  blockUntil(time: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, time);
  }

  private async waitForSlot(): Promise<() => void> {
    for (;;) {
      const now = this.clock.now();
      this.forgetExpired(now);
      const blocked = this.blockedUntil - now;
      if (blocked > 0) {
        await this.clock.sleep(blocked);
        continue;
      }
      if (this.slots.length < this.budget.limit) break;
      if (this.slots.some((s) => s.doneAt === undefined)) {
        // Let answers in flight arrive first: their times decide when the window frees up
        // (and a sleep computed now would be rebased on them anyway).
        await new Promise<void>((resolve) => (this.wakeUp = resolve));
        continue;
      }
      const oldestDone = Math.min(...this.slots.map((s) => s.doneAt!));
      await this.clock.sleep(oldestDone + this.budget.windowMs + this.marginMs - now);
    }
    const slot: Slot = {};
    this.slots.push(slot);
    return () => {
      slot.doneAt = this.clock.now();
      const wake = this.wakeUp;
      this.wakeUp = undefined;
      wake?.();
    };
  }

  private forgetExpired(now: number): void {
    for (let i = this.slots.length - 1; i >= 0; i -= 1) {
      const doneAt = this.slots[i]!.doneAt;
      if (doneAt !== undefined && doneAt + this.budget.windowMs + this.marginMs <= now) this.slots.splice(i, 1);
    }
  }
}
