/**
 * Canonical orders: a document's key order depends only on its content, so documents print,
 * diff and hash the same whether they came from YAML (any key order) or back from a provider.
 */
import { WEEKDAYS } from '../config/schema/index.js';
import { branchesOf } from './step-shape.js';
import type { CanonicalStep } from './flow-document.js';
import { own } from './own.js';

/**
 * The order a reader follows a flow: depth-first from the start along the branches, then any
 * step no call reaches, by name.
 */
export function stepOrder(start: string, steps: Readonly<Record<string, CanonicalStep>>): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const step = own(steps, name);
    if (!step || seen.has(name)) return;
    seen.add(name);
    for (const branch of branchesOf(step)) visit(branch.target);
  };
  visit(start);
  const rest = Object.keys(steps).filter((name) => !seen.has(name)).sort();
  return [...seen, ...rest];
}

const KEYPAD_ORDER = '1234567890*#';

/** IVR options in keypad order. */
export function sortedOptions(options: Readonly<Record<string, string>>): Record<string, string> {
  const rank = (key: string) => (KEYPAD_ORDER.includes(key) ? KEYPAD_ORDER.indexOf(key) : KEYPAD_ORDER.length);
  const keys = Object.keys(options).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return Object.fromEntries(keys.map((key) => [key, options[key]!]));
}

/** Opening ranges Monday to Sunday, closed days left out, each day's ranges sorted. */
export function sortedWeekly(weekly: Readonly<Partial<Record<string, readonly string[]>>>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const day of WEEKDAYS) {
    const ranges = weekly[day];
    if (ranges?.length) out[day] = [...ranges].sort();
  }
  return out;
}
