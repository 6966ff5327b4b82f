/**
 * `plan --format json`: the plan file itself (see plan-schema.ts for the documented format,
 * `z.toJSONSchema(planSchema)` for a JSON Schema). Same inputs, same bytes.
 */
import { serialisePlan } from './plan-file.js';
import type { Plan } from './plan-schema.js';

export function renderPlanJson(plan: Plan): string {
  return serialisePlan(plan);
}
