/** Flow-test results as a PR shows them: how many ran, how many the errors stopped, and one line per failure. */
import type { FlowTestResult } from '../simulate/flow-tests.js';
import { summarizeFailure } from '../simulate/test-report.js';
import type { UntestedNumber } from '../simulate/untested.js';

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
  /** Tests run. */
  total: number;
  failures: FlowTestFailure[];
  /** Tests not run: their number has errors, or uses a schedule or message that failed to load or has errors. */
  notRun: number;
}

export function flowTestOutcome(results: readonly FlowTestResult[], notRun: readonly UntestedNumber[] = []): FlowTestOutcome {
  return {
    total: results.length,
    notRun: notRun.reduce((sum, u) => sum + u.tests, 0),
    failures: results
      .filter((r) => !r.passed)
      .map((r) => ({ numberFile: r.numberFile, name: r.name, file: r.file, line: r.line, summary: summarizeFailure(r) })),
  };
}
