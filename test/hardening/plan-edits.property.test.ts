/**
 * Issue #17 (integrity): any edit of a saved plan file is refused — by its checksum, or, when
 * the editor recomputed that (the algorithm is public), by the comparison with the plan the
 * repo and the account give at apply time. The one field outside both is `generatedAt`, the
 * time the plan was made, which nothing applies.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePlan, planChecksum, serialisePlan } from '../../src/plan/plan-file.js';
import { buildPlan } from '../../src/plan/plan.js';
import type { Plan } from '../../src/plan/plan-schema.js';
import { reviewedPlanDifferences } from '../../src/plan/reviewed-plan.js';
import { sameContent } from '../../src/plan/stable-json.js';
import { AT, appliedNumber, boughtNumber, exampleRepo, SANDBOX_CAPABILITIES } from '../plan/helpers.js';

type Path = Array<string | number>;

/** A plan with every kind of entry: a flow to create, an update with uploads, an unchanged number, an unmanaged one, warnings. */
async function aPlan(): Promise<Plan> {
  const repo = await exampleRepo();
  const [first, second, third] = repo.numbers;
  const live = [boughtNumber(first!.config), appliedNumber(second!, repo), { ...appliedNumber(third!, repo), name: 'Renamed live' }];
  const liveSummaries = [...live, { id: '77', number: '+15550000077', name: 'Not ours', timezone: 'UTC' }];
  return buildPlan({ repo, live, liveSummaries, providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
}

function pathsOf(value: unknown, path: Path = []): Path[] {
  const here = path.length ? [path] : [];
  if (value === null || typeof value !== 'object') return here;
  const children = Array.isArray(value) ? value.map((item, i) => pathsOf(item, [...path, i])) : Object.entries(value).map(([key, item]) => pathsOf(item, [...path, key]));
  return [...here, ...children.flat()];
}

function parentOf(root: unknown, path: Path): Record<string | number, unknown> {
  let node = root as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  return node;
}

type Edit = { kind: 'replace'; value: unknown } | { kind: 'delete' } | { kind: 'add'; key: string; value: unknown };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.constant({ kind: 'delete' as const }),
  fc.record({ kind: fc.constant('add' as const), key: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'checksum')), value: fc.jsonValue({ maxDepth: 1 }) }),
);

/** The edited plan data, or undefined when the edit changes nothing a plan holds (or touches only its time). */
function applyEdit(plan: Plan, path: Path, change: Edit): Record<string, unknown> | undefined {
  if (path[0] === 'checksum' || path[0] === 'generatedAt') return undefined;
  const data = JSON.parse(JSON.stringify(plan)) as Record<string, unknown>;
  const parent = parentOf(data, path);
  const last = path.at(-1)!;
  if (change.kind === 'replace') parent[last] = change.value;
  else if (change.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else {
    const target = parent[last];
    if (target === null || typeof target !== 'object' || Array.isArray(target)) return undefined;
    Object.defineProperty(target, change.key, { value: change.value, enumerable: true, configurable: true, writable: true });
  }
  const edited = JSON.parse(JSON.stringify(data)) as Record<string, unknown>;
  return sameContent(edited, JSON.parse(serialisePlan(plan))) ? undefined : edited;
}

function refused(text: string, made: Plan): boolean {
  const parsed = parsePlan(text);
  return !parsed.ok || reviewedPlanDifferences(parsed.plan, made).length > 0;
}

describe('edits of a saved plan', () => {
  it('every edit is refused, checksum recomputed or not', async () => {
    const plan = await aPlan();
    const paths = pathsOf(JSON.parse(serialisePlan(plan)));
    expect(paths.length).toBeGreaterThan(300);
    let tried = 0;
    fc.assert(
      fc.property(fc.nat(), edit, fc.boolean(), (index, change, reseal) => {
        const path = paths[index % paths.length]!;
        const edited = applyEdit(plan, path, change);
        if (!edited) return;
        tried += 1;
        if (reseal) edited['checksum'] = planChecksum(edited);
        expect(refused(JSON.stringify(edited, null, 2), plan), `${path.join('.')} ${JSON.stringify(change).slice(0, 120)}`).toBe(true);
        // Without a recomputed checksum the file itself gives the edit away (positions of problems aside: the comparison catches those).
        const position = path[0] === 'problems' && ['line', 'column', 'endLine', 'endColumn'].includes(String(path[2]));
        if (!reseal && !position) expect(parsePlan(JSON.stringify(edited)).ok).toBe(false);
      }),
      { numRuns: 400 },
    );
    expect(tried).toBeGreaterThan(200);
  });

  it('a byte changed anywhere in the file is refused, unless it changed nothing the plan holds', async () => {
    const plan = await aPlan();
    const text = serialisePlan(plan);
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete'), (at, byte, how) => {
        const bytes = Buffer.from(text);
        const i = at % bytes.length;
        const mutated =
          how === 'set' ? Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i + 1)])
          : how === 'insert' ? Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(i)])
          : Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + 1)]);
        const parsed = parsePlan(mutated.toString('utf8'));
        if (parsed.ok && reviewedPlanDifferences(parsed.plan, plan).length === 0) {
          // Accepted: then it is the same plan (whitespace, or the time it was made).
          const { generatedAt: _a, ...same } = parsed.plan;
          const { generatedAt: _b, ...original } = plan;
          expect(sameContent(same, original)).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the plan as written is accepted', async () => {
    const plan = await aPlan();
    const parsed = parsePlan(serialisePlan(plan));
    expect(parsed.ok).toBe(true);
    expect(reviewedPlanDifferences((parsed as { plan: Plan }).plan, plan)).toEqual([]);
  });
});
