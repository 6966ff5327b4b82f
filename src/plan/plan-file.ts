/**
 * A plan is a file you can save, review and apply (`plan --out plan.json`, `apply --plan`).
 * Its checksum covers the whole plan as written — every number, change, desired document,
 * upload and problem — but the time it was made, so the same repo and account give the same
 * checksum (a re-plan at merge can be compared with the reviewed one). Reading a plan back
 * checks the checksum over the file's own data before anything else looks at it.
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
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return { ok: false, error: 'not a callflow plan: (top): expected an object' };
  const version = (data as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version !== PLAN_FORMAT_VERSION) {
    return { ok: false, error: `plan format version ${version}; this callflow reads version ${PLAN_FORMAT_VERSION} (make the plan again)` };
  }
  const written = (data as { checksum?: unknown }).checksum;
  // Over the data as written, before the schema drops or coerces anything: an added key counts too.
  if (typeof written === 'string' && planChecksum(data) !== written) {
    return { ok: false, error: 'plan checksum does not match its content: the file was edited or damaged (make the plan again)' };
  }
  const parsed = planSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `not a callflow plan: ${issue.path.join('.') || '(top)'}: ${issue.message}` };
  }
  return { ok: true, plan: parsed.data };
}

/**
 * sha256 of everything in the plan but its checksum, the time it was made and where in a YAML
 * file each problem sits: a file whose keys were only reordered gives the same checksum. (A
 * saved plan whose time or positions were edited is still refused: apply compares it whole
 * with the plan made then.)
 */
export function planChecksum(plan: object): string {
  const { checksum: _checksum, generatedAt: _generatedAt, problems, ...content } = plan as Record<string, unknown>;
  return sha256Hex(stableStringify({ formatVersion: PLAN_FORMAT_VERSION, content, problems: withoutPositions(problems) }));
}

/** Problems without their positions, in an order that does not depend on them either. */
function withoutPositions(problems: unknown): unknown {
  if (!Array.isArray(problems)) return problems;
  return problems
    .map((problem: unknown) => {
      if (problem === null || typeof problem !== 'object') return problem;
      const { line: _line, column: _column, endLine: _endLine, endColumn: _endColumn, ...rest } = problem as Record<string, unknown>;
      return rest;
    })
    .map((problem) => stableStringify(problem))
    .sort();
}
