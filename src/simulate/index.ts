export { simulateCall, DEFAULT_STEP_BUDGET, type CallInputs } from './interpreter.js';
export { runFlowTests, runFlowTest, type FlowTestResult, type Mismatch } from './flow-tests.js';
export { renderTestResults, describeMismatch, summarizeFailure } from './test-report.js';
export { renderTranscript } from './transcript.js';
export { findNumber } from './find-number.js';
export { parseAnswer, parseKeysFlag, type Answer } from './caller.js';
export { instantOf, localTimeAt } from './local-time.js';
export type { Simulation, SimEvent, Heard, Ending } from './events.js';
