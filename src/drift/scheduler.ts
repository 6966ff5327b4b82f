/**
 * Drift checks on a node-cron schedule for `callflow serve`: one check at a time (a tick that
 * finds one still running is skipped and counted), and a stop that lets the running check
 * finish — it is told to stop between numbers — or abandons it after a grace period.
 */
import { createTask, type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';

/** What one check found, as `/healthz` and the metrics report it. */
export interface CheckResult {
  result: 'in-sync' | 'drift' | 'invalid' | 'error';
  /** Numbers that differ from Git. */
  drifted: number;
  inSync: number;
  notInAccount: number;
  unmanaged: number;
  /** When remediation ran: numbers re-applied, failed or refused, and not attempted because serve was stopping. */
  remediation?: { applied: number; failed: number; notAttempted: number; stoppedBy?: string };
  /** One line, for `error` and `invalid`. */
  error?: string;
}

export interface CheckRecord extends CheckResult {
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

/** `signal` aborts when serve stops; `writing` brackets the writes of one number (remediation). */
export type DriftCheck = (signal: AbortSignal, writing: { enter(): void; leave(): void }) => Promise<CheckResult>;

export interface SchedulerEvents {
  started?: () => void;
  finished?: (record: CheckRecord) => void;
  skipped?: () => void;
}

export class DriftScheduler {
  private task: ScheduledTask | undefined;
  private running: Promise<void> | undefined;
  private startedAt: string | undefined;
  /** A number being written: stopping waits for it even past the grace period. */
  private readonly writes = new WriteCount();
  private readonly abort = new AbortController();
  private last: CheckRecord | undefined;
  private counts = { checks: 0, skipped: 0 };

  constructor(
    private readonly options: { schedule: string; check: DriftCheck; logger: Logger; clock: () => Date; events?: SchedulerEvents },
  ) {}

  start(): void {
    const log = this.options.logger;
    this.task = createTask(this.options.schedule, () => this.tick(), {
      name: 'callflow-drift',
      logger: { info: (m) => log.debug(m), warn: (m) => log.warn(String(m)), error: (m) => log.error(String(m)), debug: (m) => log.debug(String(m)) },
    });
    void this.task.start();
  }

  /** Runs a check now unless one is running (then the tick is skipped and counted). */
  tick(): Promise<void> {
    if (this.abort.signal.aborted) return Promise.resolve();
    if (this.running) {
      this.counts.skipped += 1;
      this.options.logger.warn({ since: this.startedAt }, 'drift check skipped: the previous one is still running');
      this.options.events?.skipped?.();
      return Promise.resolve();
    }
    this.running = this.runCheck().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  get lastCheck(): CheckRecord | undefined {
    return this.last;
  }

  get stats(): { checks: number; skipped: number } {
    return { ...this.counts };
  }

  nextRun(): Date | null {
    return this.abort.signal.aborted ? null : (this.task?.getNextRun() ?? null);
  }

  /**
   * No new checks; the running one is told to stop between numbers and given `graceMs` to
   * finish. Resolves with whether it had to be abandoned.
   */
  async stop(graceMs: number): Promise<{ abandoned: boolean }> {
    this.abort.abort(new Error('callflow serve is stopping'));
    await this.task?.stop();
    await this.task?.destroy();
    const running = this.running;
    if (!running) return { abandoned: false };
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([running.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs)))]);
    clearTimeout(timer);
    if (finished) return { abandoned: false };
    await Promise.race([running, this.writes.idle()]);
    return { abandoned: true };
  }

  private async runCheck(): Promise<void> {
    const started = this.options.clock();
    this.startedAt = started.toISOString();
    this.options.events?.started?.();
    let result: CheckResult;
    try {
      result = await this.options.check(this.abort.signal, this.writes);
    } catch (error) {
      result = { result: 'error', drifted: 0, inSync: 0, notInAccount: 0, unmanaged: 0, error: oneLine(error) };
    }
    const finished = this.options.clock();
    const record: CheckRecord = { ...result, startedAt: started.toISOString(), finishedAt: finished.toISOString(), durationMs: finished.getTime() - started.getTime() };
    this.last = record;
    this.counts.checks += 1;
    const level = record.result === 'in-sync' ? 'info' : record.result === 'drift' ? 'warn' : 'error';
    this.options.logger[level]({ check: record }, `drift check: ${record.result}`);
    this.options.events?.finished?.(record);
  }
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ');
}

/** How many numbers are being written right now, and a way to wait until none is. */
class WriteCount {
  private active = 0;
  private waiters: Array<() => void> = [];

  enter(): void {
    this.active += 1;
  }

  leave(): void {
    this.active = Math.max(0, this.active - 1);
    if (this.active === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  idle(): Promise<void> {
    return this.active === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}
