import type { DriftReport } from './report.js';

/** `drift --format json`: the report as it is (format `callflow-drift`, see report.ts for the fields). */
export function renderDriftJson(report: DriftReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
