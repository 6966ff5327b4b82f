/** Flow-test results as a PR shows them: how many ran, and one line per failure. */
import type { FlowTestResult } from '../simulate/flow-tests.js';
import { summarizeFailure } from '../simulate/test-report.js';

export interface FlowTestFailure {
  /** Number file name without extension, as `callflow test NAME` takes it. */
  numberFile: string;
  name: string;
  file: string;
  line: number;
  /** The first divergence, in one line. */
  summary: string;
}

export interface FlowTestOutcome {
  total: number;
  failures: FlowTestFailure[];
}

export function flowTestOutcome(results: readonly FlowTestResult[]): FlowTestOutcome {
  return {
    total: results.length,
    failures: results
      .filter((r) => !r.passed)
      .map((r) => ({ numberFile: r.numberFile, name: r.name, file: r.file, line: r.line, summary: summarizeFailure(r) })),
  };
}
