/**
 * One mistake, one report: a schedule or shared message that fails to load, or a typo in a
 * flow's `start`, is reported where it is, and not again as unknown references, unreachable
 * steps or failing flow tests of the numbers that depend on it.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Problem } from '../../src/model/problem.js';
import { REPO_ROOT, runCli, validateJson } from '../fixtures/broken/harness.js';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((root) => rm(root, { recursive: true, force: true })));
});

/** A copy of the example repo (config and audio) with some files edited; each edit must change its file. */
async function exampleWith(edits: Record<string, (text: string) => string>): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'callflow-first-cause-'));
  roots.push(root);
  await cp(join(REPO_ROOT, 'config'), join(root, 'config'), { recursive: true });
  await cp(join(REPO_ROOT, 'audio'), join(root, 'audio'), { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const text = await readFile(join(root, file), 'utf8');
    const edited = edit(text);
    expect(edited, `the edit of ${file}`).not.toBe(text);
    await writeFile(join(root, file), edited);
  }
  return root;
}

const where = (problems: readonly Problem[]) => problems.map((p) => `${p.file}:${p.line} ${p.severity} ${p.rule}`);

const SCHEDULE = 'config/schedules/business-hours-fr.yaml';
const SUPPORT = 'config/numbers/support-fr.yaml';

describe('a schedule or shared message that fails to load is reported once, at its file', () => {
  it.each([
    ['a range past midnight', (t: string) => t.replace('monday: ["09:00-12:30"', 'monday: ["09:00-25:00"'), [`${SCHEDULE}:5 error schema/format`]],
    ['a misspelt key', (t: string) => t.replace('  monday:', '  mondy:'), [`${SCHEDULE}:5 error schema/unknown-key`]],
    ['an unclosed quote', (t: string) => t.replace('name: Horaires', 'name: "Horaires'), [`${SCHEDULE}:2 error yaml/syntax`]],
    ['an empty file', () => '', [`${SCHEDULE}:1 error yaml/empty`]],
  ])('schedule with %s: only its own error; the number using it is not told the schedule is unknown, its tests do not run', async (_, edit, only) => {
    const root = await exampleWith({ [SCHEDULE]: edit });
    const { code, problems } = await validateJson(root);
    expect(code).toBe(1);
    expect(where(problems)).toEqual(only);
  });

  it('schedule with a tab: the YAML errors are all in the schedule file', async () => {
    const root = await exampleWith({ [SCHEDULE]: (t) => t.replace('  - { date: "2026-12-25"', '\t- { date: "2026-12-25"') });
    const { problems } = await validateJson(root);
    expect(problems.map((p) => p.rule)).toContain('yaml/tab');
    expect(new Set(problems.map((p) => p.file))).toEqual(new Set([SCHEDULE]));
  });

  it('the summary says the file failed to load and which flow tests did not run, and why', async () => {
    const root = await exampleWith({ [SCHEDULE]: () => '' });
    const { stdout } = await runCli(['validate', '--root', root]);
    expect(stdout).toMatch(/^config\/schedules\/business-hours-fr\.yaml:1:1 {2}error {2}.*\[yaml\/empty\]/);
    expect(stdout).toMatch(/\n8 files checked: 1 error, 0 warnings \(checked: 3 numbers, 1 schedule \(1 more failed to load\), 2 shared messages, 5 audio files, 17 flow tests \(7 not run: a schedule or message they use failed to load\)\)\n$/);
    const json = JSON.parse((await runCli(['validate', '--root', root, '--format', 'json'])).stdout);
    expect(json.summary).toMatchObject({ schedules: { checked: 1, failedToLoad: 1 }, flowTests: 17, flowTestsNotRun: { numberHasErrors: 0, sharedFileFailed: 7 } });
  });

  it('a shared message with a misspelt key: only its own error, no did-you-mean towards another message', async () => {
    const root = await exampleWith({ 'config/messages/closed-fr.yaml': (t) => t.replace('\nmessage:', '\nmesage:') });
    const { code, problems } = await validateJson(root);
    expect(code).toBe(1);
    expect(where(problems)).toEqual(['config/messages/closed-fr.yaml:3 error schema/unknown-key']);
  });

  it('a schedule name that matches no file at all is still unknown', async () => {
    const root = await exampleWith({ [SUPPORT]: (t) => t.replace('schedule: business-hours-fr', 'schedule: business-hour-fr') });
    const { problems } = await validateJson(root);
    expect(where(problems)).toEqual([`${SUPPORT}:15 error ref/unknown-schedule`]);
    expect(problems[0]!.message).toContain('did you mean "business-hours-fr"?');
  });

  it('plan refuses with that one error, before reading the account', async () => {
    const root = await exampleWith({ [SCHEDULE]: (t) => t.replace('  monday:', '  mondy:') });
    const { code, stdout, stderr } = await runCli(['plan', '--root', root]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.match(/ {2}error {2}/g)).toHaveLength(1);
    expect(stderr).toContain('[schema/unknown-key]');
    expect(stderr).toContain('8 files checked: 1 error, 0 warnings: fix the errors above; nothing was read from or written to the account');
  });
});

describe('a typo in a flow\'s start is reported once', () => {
  it('validate: the unknown start only; no step "never reached", no flow test failing for it', async () => {
    const root = await exampleWith({ [SUPPORT]: (t) => t.replace('start: welcome', 'start: welcom') });
    const { code, problems } = await validateJson(root);
    expect(code).toBe(1);
    expect(where(problems)).toEqual([`${SUPPORT}:7 error flow/unknown-step`]);
    expect(problems[0]!.message).toBe('start: step "welcom" does not exist in this flow; did you mean "welcome"?');
    const { stdout } = await runCli(['validate', '--root', root]);
    expect(stdout).toMatch(/\n8 files checked: 1 error, 0 warnings \(checked: 3 numbers, 2 schedules, 2 shared messages, 5 audio files, 17 flow tests \(7 not run: their number has errors\)\)\n$/);
  });

  it('plan refuses with the unknown start alone', async () => {
    const root = await exampleWith({ [SUPPORT]: (t) => t.replace('start: welcome', 'start: welcom') });
    const { code, stderr } = await runCli(['plan', '--root', root]);
    expect(code).toBe(1);
    expect(stderr.match(/ {2}(error|warning) {2}/g)).toEqual(['  error  ']);
    expect(stderr).toContain('start: step "welcom" does not exist in this flow');
  });
});

describe('flow tests do not echo the errors of their number', () => {
  it('a renamed step: the branch to the old name is the error; tests expecting the old name are not told to use the new one', async () => {
    const root = await exampleWith({ [SUPPORT]: (t) => t.replace('\n    hours:\n', '\n    hour:\n') });
    const { problems } = await validateJson(root);
    expect(where(problems.filter((p) => p.severity === 'error'))).toEqual([`${SUPPORT}:12 error flow/unknown-step`]);
    expect(problems[0]!.message).toBe('welcome.next: step "hours" does not exist in this flow; did you mean "hour"?');
    expect(problems.map((p) => p.rule)).not.toContain('test/unknown-step');
  });

  it('a test naming a step the flow never mentions is still an error, and that number\'s tests do not also fail', async () => {
    const root = await exampleWith({ 'config/numbers/sales-us.yaml': (t) => t.replace('expect: [welcome, hours, after-hours]', 'expect: [welcome, hours, afterhours]') });
    const { problems } = await validateJson(root);
    expect(where(problems)).toEqual([expect.stringMatching(/^config\/numbers\/sales-us\.yaml:\d+ error test\/unknown-step$/)]);
    expect(problems[0]!.message).toContain('did you mean "after-hours"?');
  });

  it('a number without errors still runs its tests next to one that has them', async () => {
    const root = await exampleWith({
      [SUPPORT]: (t) => t.replace('start: welcome', 'start: welcom'),
      'config/numbers/sales-us.yaml': (t) => t.replace('expect: [welcome, hours, after-hours]', 'expect: [welcome, hours, billing]'),
    });
    const { problems } = await validateJson(root);
    expect(where(problems)).toEqual([expect.stringMatching(/^config\/numbers\/sales-us\.yaml:\d+ error test\/failed$/), `${SUPPORT}:7 error flow/unknown-step`]);
  });
});
