/**
 * Safety lives on the plan, not in the CLI (octoDNS `raise_if_unsafe`): apply asks the plan
 * whether it is safe to run and prints the reasons when it is not.
 */
import type { Settings } from '../config/schema/index.js';
import { type CanonicalFlowDocument } from '../model/flow-document.js';
import { readFlowDocument } from '../model/read-flow-document.js';
import { slotsOf } from '../model/step-shape.js';
import { changedNumbers } from './plan.js';
import type { NumberPlan, Plan } from './plan-schema.js';

export interface SafetyVerdict {
  ok: boolean;
  /** One sentence per refusal, naming the counts, ready to print. */
  reasons: string[];
}

export function checkPlanSafety(plan: Plan, safety: Settings['safety'], options: { force?: boolean } = {}): SafetyVerdict {
  if (options.force) return { ok: true, reasons: [] };
  const reasons: string[] = [];

  const managed = plan.summary.managed;
  const changed = changedNumbers(plan).length;
  const percent = managed === 0 ? 0 : (changed / managed) * 100;
  // "more than maxChangedPercent of managed numbers change, once at least minNumbers are managed".
  if (managed >= safety.minNumbers && percent > safety.maxChangedPercent) {
    reasons.push(
      `${changed} of ${managed} managed numbers would change (${formatPercent(percent)}), more than safety.maxChangedPercent ` +
        `(${safety.maxChangedPercent}%); review the plan and rerun with --force if this is intended`,
    );
  }

  for (const number of plan.numbers) {
    const loss = destructiveChange(number);
    if (loss) reasons.push(`${number.number} (${number.name}): ${loss}; rerun with --force if this is intended`);
  }
  return { ok: reasons.length === 0, reasons };
}

/** "Removing a number's whole flow or all its messages always needs --force." */
function destructiveChange(number: NumberPlan): string | undefined {
  if (number.action !== 'update') return undefined;
  const live = number.live?.flow ? readFlowDocument(number.live.flow) : undefined;
  if (!live) return undefined;
  const liveSteps = Object.keys(live.steps);
  const removed = number.changes.filter((c) => c.kind === 'step-removed').length;
  if (liveSteps.length > 0 && removed === liveSteps.length) {
    return `every step of the live flow (${liveSteps.length}) would be removed`;
  }
  const desired = number.desired?.flow ? readFlowDocument(number.desired.flow) : undefined;
  const before = messageCount(live);
  if (before > 0 && desired && messageCount(desired) === 0) {
    return `all ${before} messages of the live flow would be removed`;
  }
  return undefined;
}

/** Recorded or spoken messages a caller can hear in a flow (waiting music excluded). */
function messageCount(flow: CanonicalFlowDocument): number {
  return Object.values(flow.steps).reduce((count, step) => count + slotsOf(step).filter((slot) => slot.field !== 'waiting.music').length, 0);
}

const formatPercent = (value: number) => `${Number.isInteger(value) ? value : value.toFixed(1)}%`;
