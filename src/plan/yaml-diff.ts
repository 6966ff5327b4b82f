/**
 * Unified YAML diff of one number, live → desired, for reviewers: both sides are printed in
 * the same canonical shape and step order, so the diff shows content, never formatting.
 */
import { createTwoFilesPatch } from 'diff';
import { stringify } from 'yaml';
import { mergedStepOrder } from './diff-flow.js';
import { type CanonicalFlowDocument } from '../model/flow-document.js';
import { readFlowDocument } from '../model/read-flow-document.js';
import type { NumberPlan } from './plan-schema.js';
import { own } from '../model/own.js';

export function numberYamlDiff(number: NumberPlan): string {
  const desiredFlow = number.desired ? readFlowDocument(number.desired.flow) : undefined;
  const liveRaw = number.live?.flow ?? null;
  const liveFlow = liveRaw ? readFlowDocument(liveRaw) : undefined;
  const order = desiredFlow ? mergedStepOrder(liveFlow ?? null, desiredFlow) : [];

  const before = number.live
    ? toYaml({ ...number.live.settings, flow: liveFlow ? ordered(liveFlow, order) : liveRaw })
    : '';
  const after = number.desired ? toYaml({ ...number.desired.settings, flow: desiredFlow ? ordered(desiredFlow, order) : number.desired.flow }) : '';
  const liveName = number.live?.publishedVersion != null ? `live v${number.live.publishedVersion}` : 'live (default flow)';
  const patch = createTwoFilesPatch(`${number.number}.yaml`, `${number.number}.yaml`, before, after, liveName, 'desired', { context: 3 });
  // Drop the "Index:" and "=====" banner: the ---/+++ lines say all a reader needs.
  return patch.replace(/^Index: .*\n/, '').replace(/^=+\n/, '');
}

function ordered(flow: CanonicalFlowDocument, order: readonly string[]) {
  const steps = Object.fromEntries(order.flatMap((name) => {
    const step = own(flow.steps, name);
    return step ? [[name, step] as const] : [];
  }));
  return { start: flow.start, steps };
}

function toYaml(value: unknown): string {
  // No line folding: a long TTS text stays one line, so one word changed is one line changed.
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}
