/**
 * A plan is a file you can save, review and apply (`plan --out plan.json`, `apply --plan`).
 * Reading one back validates it and checks its checksum still matches its inputs.
 */
import { planSchema, PLAN_FORMAT_VERSION, type Plan } from './plan-schema.js';
import { sha256Hex, stableStringify } from './stable-json.js';

export function serialisePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export type ParsedPlan = { ok: true; plan: Plan } | { ok: false; error: string };

export function parsePlan(text: string): ParsedPlan {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not JSON: ${(error as Error).message}` };
  }
  const version = (data as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version !== PLAN_FORMAT_VERSION) {
    return { ok: false, error: `plan format version ${version}; this callflow reads version ${PLAN_FORMAT_VERSION} (make the plan again)` };
  }
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `not a callflow plan: ${issue.path.join('.') || '(top)'}: ${issue.message}` };
  }
  if (planChecksum(parsed.data.inputs) !== parsed.data.checksum) {
    return { ok: false, error: 'plan checksum does not match its inputs: the file was edited or damaged (make the plan again)' };
  }
  return { ok: true, plan: parsed.data };
}

export function planChecksum(inputs: Plan['inputs']): string {
  return sha256Hex(stableStringify({ formatVersion: PLAN_FORMAT_VERSION, inputs }));
}
