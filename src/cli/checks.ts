import type { RepoCheck } from '../pipeline/validate-repo.js';
import { audioContentCheck } from '../audio/repo-check.js';
import { flowTestsCheck } from '../simulate/repo-check.js';
import type { FlowTestResult } from '../simulate/flow-tests.js';
import type { CliIo } from './io.js';

/** The I/O-bound checks `validate`, `plan` and `apply` run after the pure rules; `flowTestsRan` hears the flow tests' results. */
export function validationChecks(_io: CliIo, flowTestsRan?: (results: readonly FlowTestResult[]) => void): RepoCheck[] {
  return [
    audioContentCheck(),
    flowTestsCheck(flowTestsRan),
  ];
}
