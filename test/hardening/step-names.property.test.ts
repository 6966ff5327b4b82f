/**
 * Issue #17 (crashes): random step names — JS member names (`toString`, `__proto__`,
 * `constructor`, `hasOwnProperty`…), names the schema refuses, and ordinary ones — used as
 * step keys, starts and branch targets never crash validate, plan, simulate or apply. Valid
 * flows are applied for real to a sandbox server and read back.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliParts } from '../../src/cli/parts.js';
import { hasErrors } from '../../src/model/problem.js';
import { applyRepo } from '../../src/pipeline/index.js';
import { validateRepo } from '../../src/pipeline/validate-repo.js';
import { buildPlan } from '../../src/plan/plan.js';
import { simulateCall } from '../../src/simulate/interpreter.js';
import { flowTestsCheck } from '../../src/simulate/repo-check.js';
import { silentLogger } from '../../src/logging.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { seedStore } from '../../src/sandbox/seed.js';
import { AT, appliedNumber, boughtNumber, SANDBOX_CAPABILITIES } from '../plan/helpers.js';

const MEMBERS = ['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'constructor', '__proto__', 'prototype', '__defineGetter__', '__lookupSetter__'];
const NUMBER = '+33100000042';

/** Member names a step may have (the others are refused keys: `constructor`, `__proto__`…). */
const ALLOWED_MEMBERS = MEMBERS.filter((name) => /^[A-Za-z0-9]/.test(name) && !['constructor', 'prototype'].includes(name));

const aName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ALLOWED_MEMBERS) },
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{0,8}$/) },
  { weight: 1, arbitrary: fc.constantFrom(...MEMBERS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
);

/** A flow over `names`: branches go to one of them, to a member name (a step or not), or to anything. */
const aFlow = fc.uniqueArray(aName, { minLength: 1, maxLength: 6 }).chain((names) => {
  const target = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 2, arbitrary: fc.constantFrom(...MEMBERS) }, { weight: 1, arbitrary: aName });
  const message = fc.constantFrom({ tts: 'Bonjour.' }, { tts: 'Tapez 1.' });
  const step = fc.oneof(
    fc.record({ type: fc.constant('message'), message, next: target }),
    fc.record({ type: fc.constant('ivr'), prompt: fc.constant({ tts: 'Pour les ventes, tapez 1.' }), options: fc.record({ '1': target }), no_input: target, invalid_input: target }),
    fc.record({ type: fc.constant('ring'), to: fc.constant({ team: 'Support' }), unanswered: target }),
    fc.record({ type: fc.constant('voicemail'), message }),
    fc.constant({ type: 'hangup' }),
  );
  return fc.record({
    start: target,
    steps: fc.tuple(...names.map(() => step)).map((steps) => Object.fromEntries(names.map((name, i) => [name, steps[i]]))),
  });
});

let server: RunningSandbox;
const root = mkdtempSync(join(tmpdir(), 'callflow-names-'));
beforeAll(async () => {
  mkdirSync(join(root, 'config/numbers'), { recursive: true });
  server = await startSandbox({ dataDir: join(root, 'sandbox-data'), credentials: { id: 'sandbox', token: 'sandbox' }, logger: silentLogger(), rateLimit: 1_000_000 });
  await seedStore(server.store, { numbers: [{ digits: NUMBER, name: 'Names', timezone: 'Europe/Paris' }], users: [], teams: [{ name: 'Support', users: [] }] });
});
afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('random step names', () => {
  it('never crash validate, plan, simulate or apply', async () => {
    let applied = 0;
    let withMembers = 0;
    await fc.assert(
      fc.asyncProperty(aFlow, async (flow) => {
        // Object.fromEntries keeps `__proto__` as a key; stringify writes it as one.
        const text = stringify({ number: NUMBER, name: 'Names', timezone: 'Europe/Paris', language: 'fr-FR', flow });
        writeFileSync(join(root, 'config/numbers/names.yaml'), text);
        const result = await validateRepo({ root }, [flowTestsCheck()]);
        for (const p of result.problems) expect(typeof p.message).toBe('string');
        if (hasErrors(result.problems)) return;

        const { repo } = result;
        const entry = repo.numbers[0]!;
        buildPlan({ repo, live: [boughtNumber(entry.config)], providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
        buildPlan({ repo, live: [appliedNumber(entry, repo, 3)], providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
        for (const keys of [[], ['1'], ['', '']]) simulateCall(repo, entry.config, { at: Date.UTC(2026, 10, 30, 10), keys, answer: { kind: 'never' } });

        const io = { stdout: () => undefined, stderr: () => undefined, cwd: root, env: { CALLFLOW_PROVIDER_URL: server.url, CALLFLOW_LOG_LEVEL: 'silent' }, isTTY: false };
        const outcome = await applyRepo({ ...cliParts({}, io), checks: [] }, { doit: true, force: true, actor: { who: 'names', host: hostname(), pid: process.pid, commit: async () => null } });
        expect(['applied', 'nothing-to-do']).toContain(outcome.kind);
        if (outcome.kind === 'applied') {
          expect(outcome.report.results.map((r) => r.status)).toEqual(['applied']);
          applied += 1;
          if (Object.keys(flow.steps).some((name) => MEMBERS.includes(name)) || MEMBERS.includes(flow.start)) withMembers += 1;
        }
      }),
      { numRuns: 120 },
    );
    // The property is only worth something if valid flows with such names were applied.
    expect(applied).toBeGreaterThan(5);
    expect(withMembers).toBeGreaterThan(2);
  });
});
