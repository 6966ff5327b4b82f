/**
 * The operator's Prometheus metrics (prom-client), on a registry of its own — never the
 * library's global one — so two operators in one process (tests) do not share counters.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CheckRecord } from './scheduler.js';

export class DriftMetrics {
  readonly registry = new Registry();
  private readonly checks = new Counter({ name: 'callflow_drift_checks_total', help: 'Drift checks run, by result (in-sync, drift, invalid, error).', labelNames: ['result'], registers: [this.registry] });
  private readonly skipped = new Counter({ name: 'callflow_drift_checks_skipped_total', help: 'Scheduled checks skipped because the previous one was still running.', registers: [this.registry] });
  private readonly duration = new Histogram({ name: 'callflow_drift_check_duration_seconds', help: 'How long a drift check took.', buckets: [0.1, 0.5, 1, 2, 5, 10, 30, 60, 120, 300], registers: [this.registry] });
  private readonly lastCheck = new Gauge({ name: 'callflow_drift_last_check_timestamp_seconds', help: 'When the last drift check finished (UNIX seconds).', registers: [this.registry] });
  private readonly numbers = new Gauge({ name: 'callflow_drift_numbers', help: 'Numbers by state at the last check that read the account.', labelNames: ['state'], registers: [this.registry] });
  private readonly running = new Gauge({ name: 'callflow_drift_check_running', help: '1 while a drift check runs.', registers: [this.registry] });
  private readonly remediations = new Counter({ name: 'callflow_drift_remediations_total', help: 'Numbers re-applied from Git by remediation, by result.', labelNames: ['result'], registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'callflow_' });
    for (const result of ['in-sync', 'drift', 'invalid', 'error']) this.checks.inc({ result }, 0);
    this.skipped.inc(0);
    this.running.set(0);
  }

  started(): void {
    this.running.set(1);
  }

  finished(record: CheckRecord): void {
    this.running.set(0);
    this.checks.inc({ result: record.result });
    this.duration.observe(record.durationMs / 1000);
    this.lastCheck.set(Date.parse(record.finishedAt) / 1000);
    if (record.result === 'in-sync' || record.result === 'drift') {
      this.numbers.set({ state: 'drifted' }, record.drifted);
      this.numbers.set({ state: 'in-sync' }, record.inSync);
      this.numbers.set({ state: 'not-in-account' }, record.notInAccount);
      this.numbers.set({ state: 'unmanaged' }, record.unmanaged);
    }
    if (record.remediation) {
      this.remediations.inc({ result: 'applied' }, record.remediation.applied);
      this.remediations.inc({ result: 'failed' }, record.remediation.failed);
      this.remediations.inc({ result: 'not-attempted' }, record.remediation.notAttempted);
    }
  }

  skippedCheck(): void {
    this.skipped.inc();
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
