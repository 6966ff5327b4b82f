import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { callflow, copyExampleRepo, editFile, startSeededSandbox } from '../apply/harness.js';
import { Dashboard } from './dashboard.js';
import { startServe, type ServeProcess } from './serve-process.js';

const UK = '+442071838750';
const servers: RunningSandbox[] = [];
let serve: ServeProcess | undefined;
afterEach(async () => {
  if (serve && serve.child.exitCode === null) await serve.terminate();
  serve = undefined;
  for (const server of servers.splice(0)) await server.close();
});

async function appliedExample(drift: string): Promise<{ root: string; server: RunningSandbox }> {
  const root = await copyExampleRepo();
  await editFile(join(root, 'config/callflow.yaml'), (t) => t.replace(/drift:\n {2}schedule: .*\n/, `drift:\n${drift}`));
  const server = await startSeededSandbox(root);
  servers.push(server);
  expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);
  return { root, server };
}

const envFor = (url: string) => ({ CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: url });

describe('callflow serve', () => {
  it('checks on a seconds schedule, answers /healthz and /metrics, logs JSON lines, stops on SIGTERM within 10 s', async () => {
    const { root, server } = await appliedExample('  schedule: "*/2 * * * * *"\n');
    serve = await startServe(root, envFor(server.url));

    const synced = await serve.waitFor((h) => h.checks >= 2, 'two checks');
    expect(synced).toMatchObject({ status: 'ok', lastCheck: { result: 'in-sync', drifted: 0 } });
    expect(Date.parse(synced.lastCheck!.finishedAt)).not.toBeNaN();
    expect(Date.parse(synced.nextCheck!)).toBeGreaterThan(Date.now() - 1000);

    await new Dashboard(server).rename(UK, 'After-hours UK (holiday)');
    const drifted = await serve.waitFor((h) => h.lastCheck?.result === 'drift', 'a check that sees the drift');
    expect(drifted.lastCheck).toMatchObject({ drifted: 1 });

    const metrics = await fetch(`${serve.url}/metrics`);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    expect(Number(/^callflow_drift_checks_total\{result="in-sync"\} (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(2);
    expect(Number(/^callflow_drift_checks_total\{result="drift"\} (\d+)$/m.exec(text)?.[1])).toBeGreaterThanOrEqual(1);
    expect(text).toMatch(/^callflow_drift_numbers\{state="drifted"\} 1$/m);
    expect(text).toMatch(/^callflow_drift_last_check_timestamp_seconds \d+/m);
    expect(text).toMatch(/^callflow_drift_check_duration_seconds_count \d+$/m);

    const logs = serve.logs();
    expect(logs.some((l) => l['component'] === 'serve' && l['msg'] === 'drift check: drift')).toBe(true);
    expect(JSON.stringify(logs)).not.toContain('c2FuZGJveDpzYW5kYm94'); // the sandbox's Basic credentials

    const stopped = await serve.terminate();
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);
    expect(serve.stdout()).toContain('callflow serve stopped');
    // Drift is reported, never repaired unless drift.remediate says so.
    expect((await callflow(root, server, 'drift')).code).toBe(2);
  });

  it('with a slow account: never two checks at once, remediation puts Git back, SIGTERM mid-check leaves no number half-applied', async () => {
    const { root, server } = await appliedExample('  schedule: "* * * * * *"\n  remediate: true\n');
    const slow = await startSeededSandbox(root, { dataDir: server.store.dir, faults: { rate: 1, statuses: [], latencyMs: 400, seed: 1 } });
    servers.push(slow);
    serve = await startServe(root, envFor(slow.url));

    const dashboard = new Dashboard(server);
    await dashboard.rename(UK, 'After-hours UK (holiday)');
    await dashboard.editFlow(UK, (doc) => {
      doc.steps.greeting.message.tts = 'Closed for the holidays.';
      return doc;
    });
    const repaired = await serve.waitFor((h) => (h.lastCheck?.remediation?.applied ?? 0) >= 1, 'a remediation', 30_000);
    expect(repaired.lastCheck).toMatchObject({ result: 'drift', remediation: { applied: 1, failed: 0, notAttempted: 0 } });
    expect((await callflow(root, server, 'drift')).code).toBe(0);

    // Checks take longer than the one-second schedule: ticks are skipped, runs never overlap.
    const records: Array<{ startedAt: string; finishedAt: string }> = [];
    const seen = await serve.waitFor((h) => {
      if (h.lastCheck && !records.some((r) => r.startedAt === h.lastCheck!.startedAt)) records.push(h.lastCheck);
      return h.skipped >= 2 && records.length >= 3;
    }, 'skipped ticks', 30_000);
    expect(seen.skipped).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < records.length; i += 1) expect(Date.parse(records[i]!.startedAt)).toBeGreaterThanOrEqual(Date.parse(records[i - 1]!.finishedAt));
    expect(serve.logs().some((l) => l['msg'] === 'drift check skipped: the previous one is still running')).toBe(true);

    // A dashboard edit of name and flow, then SIGTERM while the check that repairs it runs.
    await dashboard.rename(UK, 'After-hours UK (strike)');
    await dashboard.editFlow(UK, (doc) => {
      doc.steps.greeting.message.tts = 'Closed: strike.';
      return doc;
    });
    await serve.waitFor((h) => h.checking, 'a running check');
    await new Promise((r) => setTimeout(r, 600));
    const stopped = await serve.terminate();
    expect(stopped.code).toBe(0);
    expect(stopped.ms).toBeLessThan(10_000);

    const live = JSON.parse((await callflow(root, server, 'drift', '--format', 'json')).stdout);
    const uk = live.numbers.find((n: { number: string }) => n.number === UK);
    const kinds = (uk?.differences ?? []).map((d: { where: string }) => d.where).sort();
    // Either Git's version whole (in sync) or the dashboard's whole (name and greeting both still differ).
    expect([[], ['greeting.message', 'name']]).toContainEqual(kinds);
  });

  it('refuses a bad schedule at start, at its line as validate does, and exits 1', async () => {
    const { root, server } = await appliedExample('  schedule: "0 */6 * * *"\n');
    // Every command validates the settings now, apply included: the schedule breaks after it.
    await editFile(join(root, 'config/callflow.yaml'), (t) => t.replace('"0 */6 * * *"', '"every five minutes"'));
    const run = await callflow(root, server, 'serve', '--port', '0');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^config\/callflow.yaml:\d+:13  error  drift.schedule: "every five minutes" is not a cron expression: expected 5 or 6 fields but got 3  \[drift\/schedule\]\n/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
