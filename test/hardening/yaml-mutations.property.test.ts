/**
 * Issue #17 (crashes): whatever bytes a config file holds, callflow answers with problems —
 * never a throw, never a raw control character on the terminal. The example repo's files are
 * mutated byte by byte (flips, insertions, deletions, YAML punctuation, control bytes) and
 * run through validate (parse, schema, rules, flow tests), the three output formats, and —
 * when what is left is valid — plan and a simulated call of every number.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseYamlText } from '../../src/config/yaml-source.js';
import { checkSchema } from '../../src/config/schema-problems.js';
import { numberFile } from '../../src/config/schema/index.js';
import { hasErrors, type Problem } from '../../src/model/problem.js';
import { validateRepo } from '../../src/pipeline/validate-repo.js';
import { buildPlan } from '../../src/plan/plan.js';
import { formatProblemsGithub } from '../../src/report/format-github.js';
import { formatProblemsJson } from '../../src/report/format-json.js';
import { formatProblemsText } from '../../src/report/format-text.js';
import { simulateCall } from '../../src/simulate/interpreter.js';
import { flowTestsCheck } from '../../src/simulate/repo-check.js';
import { REPO_ROOT } from '../fixtures/broken/harness.js';
import { AT, boughtNumber, SANDBOX_CAPABILITIES } from '../plan/helpers.js';

const FILES = [
  'config/numbers/support-fr.yaml',
  'config/numbers/sales-us.yaml',
  'config/numbers/after-hours-uk.yaml',
  'config/schedules/business-hours-fr.yaml',
  'config/messages/closed-fr.yaml',
  'config/callflow.yaml',
];
const ORIGINAL = new Map(FILES.map((file) => [file, readFileSync(join(REPO_ROOT, file))]));

const root = mkdtempSync(join(tmpdir(), 'callflow-mutations-'));
cpSync(join(REPO_ROOT, 'config'), join(root, 'config'), { recursive: true });
cpSync(join(REPO_ROOT, 'audio'), join(root, 'audio'), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

const INTERESTING = [...':-&*!|>"\'{}[],#%@`?\\\n\t '].map((c) => c.charCodeAt(0));
const aByte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...INTERESTING, 0x00, 0x1b, 0x0d, 0x85, 0xc2, 0xe2, 0xef, 0xbb, 0xbf));
const mutation = fc.record({ at: fc.nat(), byte: aByte, how: fc.constantFrom('set', 'insert', 'delete', 'duplicate') });

function mutate(bytes: Buffer, mutations: ReadonlyArray<{ at: number; byte: number; how: string }>): Buffer {
  let out = bytes;
  for (const { at, byte, how } of mutations) {
    const i = out.length ? at % out.length : 0;
    if (how === 'set') out = Buffer.concat([out.subarray(0, i), Buffer.from([byte]), out.subarray(i + 1)]);
    else if (how === 'insert') out = Buffer.concat([out.subarray(0, i), Buffer.from([byte]), out.subarray(i)]);
    else if (how === 'delete') out = Buffer.concat([out.subarray(0, i), out.subarray(i + 1)]);
    else out = Buffer.concat([out.subarray(0, i), out.subarray(i, i + 40), out.subarray(i)]);
  }
  return out;
}

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f-\u009f]|\u001b(?!\[[0-9;]*m)/;

function wellFormed(problems: readonly Problem[]): void {
  for (const p of problems) {
    expect(['error', 'warning']).toContain(p.severity);
    expect(typeof p.rule).toBe('string');
    expect(typeof p.message).toBe('string');
    expect(Number.isInteger(p.line) && p.line >= 1).toBe(true);
    expect(Number.isInteger(p.column) && p.column >= 1).toBe(true);
  }
}

describe('YAML byte mutations', () => {
  it('parse and schema check any mutated number file without throwing', () => {
    const text = ORIGINAL.get('config/numbers/support-fr.yaml')!;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        const read = parseYamlText('config/numbers/x.yaml', mutate(text, mutations).toString('utf8'));
        wellFormed(read.problems);
        if (read.source && read.data !== undefined && !hasErrors(read.problems)) wellFormed(checkSchema(numberFile, read.source, read.data).problems);
      }),
      { numRuns: 1000 },
    );
  });

  it('validate, print, plan and simulate a repo with a mutated file without throwing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FILES), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (file, mutations) => {
        writeFileSync(join(root, file), mutate(ORIGINAL.get(file)!, mutations));
        try {
          const result = await validateRepo({ root }, [flowTestsCheck()]);
          wellFormed(result.problems);
          const printed = [
            formatProblemsText(result.problems, { color: false, sources: result.sources }),
            formatProblemsJson(result.problems),
            formatProblemsGithub(result.problems),
          ].join('\n');
          expect(printed).not.toMatch(RAW_CONTROL);
          if (hasErrors(result.problems)) return;
          const { repo } = result;
          buildPlan({ repo, live: repo.numbers.map((n) => boughtNumber(n.config)), providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
          for (const entry of repo.numbers) {
            for (const keys of [[], ['1'], ['', '9', '2'], ['12345678#']]) {
              const call = simulateCall(repo, entry.config, { at: Date.UTC(2026, 10, 30, 10), keys, answer: { kind: 'never' } });
              expect(['answered', 'voicemail', 'forward', 'hangup', 'stuck', 'loop']).toContain(call.ending);
            }
          }
        } finally {
          writeFileSync(join(root, file), ORIGINAL.get(file)!);
        }
      }),
      { numRuns: 150 },
    );
  });
});
