import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRepo } from '../../src/config/load.js';
import { runRules } from '../../src/rules/index.js';
import { runFlowTests } from '../../src/simulate/flow-tests.js';
import { renderTestResults } from '../../src/simulate/test-report.js';
import { runCli } from '../fixtures/broken/harness.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** A copy of the example repo with one number file edited. */
async function exampleWith(file: string, edit: (text: string) => string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'callflow-flowtests-'));
  await cp(join(ROOT, 'config'), join(root, 'config'), { recursive: true });
  const path = join(root, 'config/numbers', file);
  await writeFile(path, edit(await readFile(path, 'utf8')));
  return root;
}

describe('flow tests of the example repo', () => {
  it('every number carries tests and they all pass', async () => {
    const { repo } = await loadRepo({ root: ROOT });
    for (const entry of repo.numbers) expect(entry.config.tests?.length, entry.file).toBeGreaterThan(0);
    const results = runFlowTests(repo);
    expect(results.filter((r) => !r.passed).map((r) => `${r.numberFile}: ${r.name}`)).toEqual([]);
    expect(runRules(repo).filter((p) => p.rule.startsWith('test/'))).toEqual([]);
  });
});

describe('a broken expectation', () => {
  it('shows expected vs actual path and the first step that diverged, with why', async () => {
    const root = await exampleWith('support-fr.yaml', (t) => t.replace('at: 2026-12-25T10:00:00', 'at: 2026-12-23T10:00:00'));
    const { repo } = await loadRepo({ root });
    const failed = runFlowTests(repo).filter((r) => !r.passed);
    expect(failed.map((r) => r.name)).toEqual(['fermé le jour de Noël']);
    expect(failed[0]!.mismatches[0]).toMatchObject({ kind: 'path', index: 2 });
    const text = renderTestResults(failed);
    expect(text).toContain('✗ support-fr › fermé le jour de Noël  (config/numbers/support-fr.yaml:');
    expect(text).toContain('expected path: welcome → hours → closed-voicemail');
    expect(text).toContain('actual path:   welcome → hours → menu → support → support-voicemail');
    expect(text).toContain('first divergence at step 3: expected "closed-voicemail", got "menu" (hours → open: wednesday 09:00-12:30');
    expect(text).toContain('0 passed, 1 failed');
  });

  it('says when the call ended before the expected path did', async () => {
    const root = await exampleWith('after-hours-uk.yaml', (t) => t.replace('expect: [greeting, urgent, on-call]', 'expect: [greeting, urgent, on-call, voicemail]'));
    const { repo } = await loadRepo({ root });
    const text = renderTestResults(runFlowTests(repo).filter((r) => !r.passed));
    expect(text).toContain('first divergence at step 4: expected "voicemail", but the call had ended (the call ended at on-call (forward))');
  });

  it('reports a missing message heard and a wrong ending', async () => {
    const root = await exampleWith('after-hours-uk.yaml', (t) =>
      t.replace('hears: [closed-en], ends: voicemail', 'hears: ["press 1", "Connecting you"], ends: hangup'),
    );
    const { repo } = await loadRepo({ root });
    const [result] = runFlowTests(repo).filter((r) => !r.passed);
    expect(result?.mismatches.map((m) => m.kind)).toEqual(['hears', 'ends']);
    const text = renderTestResults([result!]);
    expect(text).toContain('expected to hear "Connecting you" (hears item 2) but did not after the previous items');
    expect(text).toContain('expected the call to end by hangup, it ended by voicemail');
  });

  it('fails a test whose keys cannot be typed or whose date does not exist', async () => {
    const root = await exampleWith('after-hours-uk.yaml', (t) => t.replace('keys: ["1"]', 'keys: ["1a"]').replace('at: 2026-12-02T23:30:00\n    keys: [""]', 'at: 2026-02-30T23:30:00\n    keys: [""]'));
    const { repo } = await loadRepo({ root });
    const messages = runFlowTests(repo).filter((r) => !r.passed).flatMap((r) => r.mismatches);
    expect(messages).toEqual([
      { kind: 'input', message: 'keys: "1a" — only 0-9, * and # can be pressed' },
      { kind: 'input', message: 'at: "2026-02-30T23:30:00" is not a real date-time' },
    ]);
  });
});

describe('test/unknown-step rule', () => {
  it('points at an expected step that does not exist, with a suggestion', async () => {
    const root = await exampleWith('sales-us.yaml', (t) => t.replace('expect: [welcome, hours, after-hours]', 'expect: [welcome, hours, afterhours]'));
    const { repo } = await loadRepo({ root });
    const problems = runRules(repo).filter((p) => p.rule === 'test/unknown-step');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'config/numbers/sales-us.yaml', severity: 'error' });
    expect(problems[0]!.message).toBe('test "Sunday is closed" expects step "afterhours", which does not exist in this flow; did you mean "after-hours"?');
    const text = await readFile(join(root, 'config/numbers/sales-us.yaml'), 'utf8');
    expect(text.split('\n')[problems[0]!.line - 1]!.slice(problems[0]!.column - 1)).toMatch(/^afterhours\]/);
  });
});

describe('test/unknown-ending rule', () => {
  it('suggests the ending a typo was meant to be, as every other unknown name does', async () => {
    const root = await exampleWith('support-fr.yaml', (t) => t.replace('      ends: voicemail', '      ends: voicemial'));
    const { code, stdout } = await runCli(['validate', '--root', root]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/config\/numbers\/support-fr\.yaml:71:\d+ +error +ends: "voicemial" is not a way a call ends; did you mean "voicemail"\?/);
    expect(stdout).toContain('[test/unknown-ending]');
  });

  it('suggests nothing for a word close to no ending', async () => {
    const root = await exampleWith('support-fr.yaml', (t) => t.replace('      ends: voicemail', '      ends: transferred'));
    const { stdout } = await runCli(['validate', '--root', root]);
    expect(stdout).toContain('ends: "transferred" is not a way a call ends  ');
  });
});
