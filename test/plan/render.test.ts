import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/plan/plan.js';
import { GITHUB_COMMENT_LIMIT, PLAN_MARKER, renderPlanMarkdown } from '../../src/plan/render-markdown.js';
import { renderPlanText } from '../../src/plan/render-text.js';
import { AT, appliedRepo, boughtNumber, docOf, editable, exampleRepo, manyNumbers, repoWith, SANDBOX_CAPABILITIES } from './helpers.js';

async function editedPlan() {
  const repo = await exampleRepo();
  const live = appliedRepo(repo).map(editable);
  const us = docOf(live.find((n) => n.number === '+12125550142')!);
  delete us.steps['billing'];
  delete us.steps['menu'].options['3'];
  us.steps['welcome'].message = { tts: 'Old `welcome` <b>|pipe|</b>', language: 'en-US' };
  us.steps['legacy'] = { type: 'hangup' };
  us.steps['callback'].next = 'legacy';
  live.push({ id: '99', number: '+4930123456', name: 'Berlin', timezone: 'Europe/Berlin', messages: {}, flow: null, language: 'de-DE' } as (typeof live)[number]);
  return buildPlan({ repo, live, providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
}

describe('renderPlanText', () => {
  it('lists each changed number with signed change lines and ends with the counts', async () => {
    const text = renderPlanText(await editedPlan(), { color: false });
    expect(text).toContain('~ +12125550142 Sales US (config/numbers/sales-us.yaml) update');
    expect(text).toContain('    + step billing (ring): user Dana Whitfield');
    expect(text).toContain('    - step legacy (hangup)');
    expect(text).toContain('    ~ callback: branch "next" → goodbye (was legacy)');
    expect(text).toContain('    ^ upload audio/en/welcome.mp3');
    expect(text).toContain('unmanaged (in the account, in no config file; left alone): +4930123456 (Berlin)');
    expect(text).toContain('warning config/numbers/sales-us.yaml:');
    expect(text.trimEnd().split('\n').at(-1)).toBe('Plan: 0 flows to create, 1 number to update, 2 unchanged; 1 file to upload, 1 unmanaged, 1 warning.');
    expect(text).not.toContain('\u001b[');
  });

  it('colours only when asked (a TTY)', async () => {
    const text = renderPlanText(await editedPlan(), { color: true });
    expect(text).toContain('\u001b[32m+\u001b[0m step billing');
    expect(text).toContain('\u001b[31m-\u001b[0m step legacy');
  });
});

describe('renderPlanMarkdown', () => {
  it('starts with the sticky-comment marker and has a table, a diff and a diagram per changed number', async () => {
    const md = renderPlanMarkdown(await editedPlan());
    expect(md.startsWith(`${PLAN_MARKER}\n`)).toBe(true);
    expect(md).toContain('| `+12125550142` | Sales US | update | 5 | 1 |');
    expect(md).toContain('| `+33176360000` | Support France | no changes | 0 | 0 |');
    expect(md).toContain('**Unmanaged** (in the account, in no config file; never touched): `+4930123456` Berlin');
    expect(md).toContain('<details><summary><code>+12125550142</code> Sales US — update, 5 changes, 1 upload</summary>');
    expect(md).toMatch(/```diff\n--- \+12125550142\.yaml\tlive v1\n\+\+\+ \+12125550142\.yaml\tdesired\n/);
    expect(md).toContain('-    legacy:\n-      type: hangup');
    expect(md).toContain('```mermaid\nflowchart TD');
    // Text from the flow cannot break out of the list or the table.
    expect(md).toContain('tts "Old \\`welcome\\` &lt;b&gt;\\|pipe\\|&lt;/b&gt;"');
    expect(md).not.toContain('Left out');
    expect((md.match(/<details>/g) ?? []).length).toBe(1);
  });

  it('stays under GitHub\'s comment limit for 300 changed numbers and says what it left out', async () => {
    const base = await exampleRepo();
    const repo = repoWith(base, manyNumbers(base, 300));
    const plan = buildPlan({ repo, live: repo.numbers.map((e) => boughtNumber(e.config)), providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
    const md = renderPlanMarkdown(plan);
    expect(md.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(md.startsWith(PLAN_MARKER)).toBe(true);
    expect(md).toContain("Left out to stay under GitHub's 65,536-character comment limit:");
    // Change lists for as many numbers as fit, then a count of the rest.
    const shown = (md.match(/<details>/g) ?? []).length;
    expect(shown).toBeGreaterThan(10);
    expect(md).toContain(`flow diagrams for ${shown} numbers; YAML diffs for ${shown} numbers; per-number details (change lists, YAML diffs, diagrams) for ${300 - shown} of 300 numbers.`);
    expect(md).not.toContain('```mermaid');
    expect(md).not.toContain('```diff');
    // Every number is still in the summary table.
    for (const number of plan.numbers) expect(md).toContain(`| \`${number.number}\` |`);
    expect(md).toContain('Plan: 300 flows to create');
  });

  it('drops table rows last, and says how many', async () => {
    const base = await exampleRepo();
    const repo = repoWith(base, manyNumbers(base, 300));
    const plan = buildPlan({ repo, live: repo.numbers.map((e) => boughtNumber(e.config)), providerCapabilities: SANDBOX_CAPABILITIES, generatedAt: AT });
    const md = renderPlanMarkdown(plan, { maxChars: 6000 });
    expect(md.length).toBeLessThanOrEqual(6000);
    expect(md).toContain('per-number details (change lists, YAML diffs, diagrams) for 300 numbers');
    const shown = (md.match(/^\| `\+1555/gm) ?? []).length;
    expect(shown).toBeGreaterThan(0);
    expect(md).toContain(`${300 - shown} of 300 rows of the summary table`);
  });
});
