import { canonicalFlowDocument, type CanonicalFlowDocument, type CanonicalStep } from './flow-document.js';
import { sortedOptions, sortedWeekly, stepOrder } from './order.js';

/**
 * Read a live document. Anything else — the platform's own format, a newer callflow, a hand
 * edit — is `undefined`: the plan then replaces the flow as a whole instead of guessing.
 */
export function readFlowDocument(document: unknown): CanonicalFlowDocument | undefined {
  const parsed = canonicalFlowDocument.safeParse(document);
  return parsed.success ? inCanonicalOrder(parsed.data) : undefined;
}

/**
 * Fields come back in schema order from zod; the maps (steps, options, weekly) keep whatever
 * order the provider returned, so they are put back in canonical order here.
 */
function inCanonicalOrder(document: CanonicalFlowDocument): CanonicalFlowDocument {
  const steps: Record<string, CanonicalStep> = Object.fromEntries(stepOrder(document.start, document.steps).map((name) => [name, inOrder(document.steps[name]!)]));
  return { ...document, steps };
}

function inOrder(step: CanonicalStep): CanonicalStep {
  if (step.type === 'ivr') return { ...step, options: sortedOptions(step.options) };
  if (step.type === 'time_rule') return { ...step, schedule: { ...step.schedule, weekly: sortedWeekly(step.schedule.weekly) } };
  return step;
}
