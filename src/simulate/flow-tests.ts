import { fileStem } from '../model/file-stem.js';
import { locate } from '../config/locate.js';
import type { FlowTest, NumberConfig } from '../config/schema/index.js';
import type { Entry, Repo } from '../model/repo.js';
import { invalidKeySlots, parseAnswer, type Answer } from './caller.js';
import type { Ending, Heard, SimEvent, Simulation } from './events.js';
import { simulateCall } from './interpreter.js';
import { lazyCanonicalFlow } from '../model/canonical.js';
import type { CanonicalFlowDocument } from '../model/flow-document.js';
import { instantOf } from './local-time.js';

/** Why a flow test failed; several can hold at once (path and hears). */
export type Mismatch =
  | {
      kind: 'path';
      expected: string[];
      actual: string[];
      /** 0-based index of the first step where the paths differ. */
      index: number;
      /** Why the call went where it did at that point: "hours → closed: sunday, no opening hours…". */
      because?: string;
    }
  | { kind: 'hears'; missing: string; afterIndex: number; heard: string[] }
  | { kind: 'ends'; expected: string; actual: Ending }
  /** The test itself cannot run: bad `at`, keys or answer. */
  | { kind: 'input'; message: string };

export interface FlowTestResult {
  /** Repo-relative number file and the test's place in it. */
  file: string;
  line: number;
  numberFile: string;
  number: string;
  index: number;
  name: string;
  passed: boolean;
  mismatches: Mismatch[];
  simulation?: Simulation;
}

/** Run every `tests:` entry of every number (or of the numbers given). */
export function runFlowTests(repo: Pick<Repo, 'numbers' | 'schedules' | 'messages'>, numbers: readonly Entry<NumberConfig>[] = repo.numbers): FlowTestResult[] {
  return numbers.flatMap((entry) => {
    const tests = entry.config.tests ?? [];
    // A number's tests are calls to one document, each step built once for all of them when first entered.
    const flow = tests.length ? lazyCanonicalFlow(entry, repo) : undefined;
    return tests.map((test, index) => runFlowTest(repo, entry, test, index, flow));
  });
}

export function runFlowTest(repo: Pick<Repo, 'schedules' | 'messages'>, entry: Entry<NumberConfig>, test: FlowTest, index: number, flow?: CanonicalFlowDocument): FlowTestResult {
  const base = {
    file: entry.file,
    // Positions rebuild the file's YAML tree: asked only when the line is read (failures, JSON).
    get line() {
      return locate(entry.source, ['tests', index, 'name']).line;
    },
    numberFile: fileStem(entry.file),
    number: entry.config.number,
    index,
    name: test.name,
  };
  const at = instantOf(test.at, entry.config.timezone);
  const answer = parseAnswer(test.answer);
  const input = inputProblems(test, at, answer);
  if (input.length || at === undefined || answer === undefined) return Object.assign(base, { passed: false, mismatches: input });
  const simulation = simulateCall(repo, entry.config, { at, keys: test.keys, answer }, flow ?? lazyCanonicalFlow(entry, repo));
  const mismatches = compare(test.expect, simulation);
  return Object.assign(base, { passed: mismatches.length === 0, mismatches, simulation });
}

function inputProblems(test: FlowTest, at: number | undefined, answer: Answer | undefined): Mismatch[] {
  const out: Mismatch[] = [];
  if (at === undefined) out.push({ kind: 'input', message: `at: "${test.at}" is not a real date-time` });
  const bad = invalidKeySlots(test.keys);
  if (bad.length) out.push({ kind: 'input', message: `keys: ${bad.map((k) => JSON.stringify(k)).join(', ')} — only 0-9, * and # can be pressed` });
  if (!answer) out.push({ kind: 'input', message: `answer: "${test.answer}" is not never, always or after:SECONDS` });
  return out;
}

function compare(expect: FlowTest['expect'], simulation: Simulation): Mismatch[] {
  const { path, hears, ends } = Array.isArray(expect) ? { path: expect, hears: undefined, ends: undefined } : expect;
  const out: Mismatch[] = [];
  if (path) {
    const diverged = pathDivergence(path, simulation);
    if (diverged) out.push(diverged);
  }
  if (hears) {
    const missing = missingHeard(hears, simulation.heard);
    if (missing) out.push(missing);
  }
  if (ends !== undefined && ends !== simulation.ending) out.push({ kind: 'ends', expected: ends, actual: simulation.ending });
  return out;
}

function pathDivergence(expected: string[], simulation: Simulation): Mismatch | undefined {
  const actual = simulation.path;
  let index = 0;
  while (index < expected.length && index < actual.length && expected[index] === actual[index]) index += 1;
  if (index === expected.length && index === actual.length) return undefined;
  const because = explainStep(simulation, index);
  return { kind: 'path', expected, actual, index, ...(because ? { because } : {}) };
}

/** Why the call is (or is not) at path[index]: the branch taken into it, or how the call ended. */
function explainStep(simulation: Simulation, index: number): string | undefined {
  const branches = simulation.events.filter((e): e is Extract<SimEvent, { kind: 'branch' }> => e.kind === 'branch');
  // Every step but the last leaves by one branch event, so branch i leads into path[i + 1].
  const into = index > 0 ? branches[index - 1] : undefined;
  if (into && index < simulation.path.length) return `${into.step} → ${into.branch}${into.reason ? `: ${into.reason}` : ''}`;
  if (index >= simulation.path.length) {
    const last = simulation.events.findLast((e) => e.kind === 'stuck' || e.kind === 'step-budget');
    const detail = last?.kind === 'stuck' ? `: ${last.reason}` : '';
    return `the call ended at ${simulation.path.at(-1) ?? 'the start'} (${simulation.ending}${detail})`;
  }
  return undefined;
}

/** `hears` is matched in order, each item a substring of a later heard text, file, shared-message or music name. */
function missingHeard(hears: string[], heard: Heard[]): Mismatch | undefined {
  let from = 0;
  for (const [afterIndex, wanted] of hears.entries()) {
    const found = heard.findIndex((item, i) => i >= from && matches(item, wanted));
    if (found < 0) return { kind: 'hears', missing: wanted, afterIndex, heard: heard.map(heardLabel) };
    from = found + 1;
  }
  return undefined;
}

function matches(item: Heard, wanted: string): boolean {
  return Boolean(item.tts?.includes(wanted) || item.file?.includes(wanted) || item.ref === wanted || item.music === wanted);
}

function heardLabel(item: Heard): string {
  return item.tts ?? item.file ?? (item.music ? `music: ${item.music}` : '?');
}
