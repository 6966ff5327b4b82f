import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { callflow, startSeededSandbox } from '../apply/harness.js';
import { runCli } from '../fixtures/broken/harness.js';

const LINES = join(import.meta.dirname, '..', 'fixtures', 'lines');
let server: RunningSandbox | undefined;
let root: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (root) await rm(root, { recursive: true, force: true });
});

/** The lines repo, then a fourth number added to config after the sandbox was provisioned. */
async function addNumber(dir: string): Promise<void> {
  const text = await readFile(join(dir, 'config/numbers/hotline-de.yaml'), 'utf8');
  await writeFile(join(dir, 'config/numbers/hotline-de-2.yaml'), text.replace('+4989123456700', '+4989123456701').replace('name: Störungshotline', 'name: Störungshotline 2'));
}

describe('a number added to config after the sandbox was provisioned', () => {
  it('is provisioned as if bought by the in-process sandbox, so the plan creates its flow', async () => {
    root = await mkdtemp(join(tmpdir(), 'callflow-provision-'));
    await cp(join(LINES, 'config'), join(root, 'config'), { recursive: true });
    expect((await runCli(['apply', '--doit', '--root', root])).code).toBe(0);
    await addNumber(root);
    const plan = await runCli(['plan', '--root', root]);
    expect(plan.stderr).toBe('');
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('+ +4989123456701 Störungshotline 2');
    expect(plan.stdout).toContain('Plan: 1 flow to create, 0 numbers to update, 3 unchanged');
  });

  it('at a sandbox URL, is an error whose hint says how to provision it', async () => {
    root = await mkdtemp(join(tmpdir(), 'callflow-provision-'));
    await cp(join(LINES, 'config'), join(root, 'config'), { recursive: true });
    server = await startSeededSandbox(root);
    await addNumber(root);
    const plan = await callflow(root, server, 'plan', '--format', 'json');
    const problem = (JSON.parse(plan.stdout) as { problems: Array<{ rule: string; hint?: string }> }).problems.find((p) => p.rule === 'plan/number-not-live');
    expect(problem?.hint).toContain('callflow sandbox --seed-config ROOT');
  });
});

describe('a ring step naming a team the in-process sandbox lacks, after it was provisioned', () => {
  it('is a plan error with a did-you-mean, and neither plan nor drift creates the team', async () => {
    root = await mkdtemp(join(tmpdir(), 'callflow-provision-'));
    await cp(join(LINES, 'config'), join(root, 'config'), { recursive: true });
    expect((await runCli(['apply', '--doit', '--root', root])).code).toBe(0);
    const file = join(root, 'config/numbers/sales-us.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('to: { team: Sales US }', 'to: { team: Sales UX }'));

    await runCli(['drift', '--root', root]);
    const plan = await runCli(['plan', '--root', root, '--format', 'json']);
    expect(plan.code).toBe(1);
    const problems = (JSON.parse(plan.stdout) as { problems: Array<{ rule: string; file: string; line: number; message: string }> }).problems;
    expect(problems.filter((p) => p.rule === 'plan/unknown-ring-target').map((p) => [p.file, p.line, p.message])).toEqual([
      ['config/numbers/sales-us.yaml', 24, 'ring step "sales" rings team "Sales UX", which the account does not have; did you mean "Sales US"?'],
    ]);
    // Asked again: still unknown, so nothing in between created it.
    expect((await runCli(['plan', '--root', root])).code).toBe(1);
  });
});

