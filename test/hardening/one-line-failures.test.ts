/**
 * Issue #17, item 11: failures the adversarial pass saw as stack traces (or as "unexpected
 * failure", the words for a bug of ours) are one line that says what is wrong, exit 1.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../fixtures/broken/harness.js';
import { startTestSandbox } from '../sandbox/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'callflow-one-line-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exampleCopy(name: string): string {
  const root = join(dir, name);
  cpSync(join(REPO_ROOT, 'config'), join(root, 'config'), { recursive: true });
  cpSync(join(REPO_ROOT, 'audio'), join(root, 'audio'), { recursive: true });
  return root;
}

function expectOneLine(run: { code: number; stderr: string }, command: string, mentions: string | RegExp): void {
  expect(run.code).toBe(1);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^callflow ${command}: `));
  expect(lines[0]).not.toContain('unexpected failure');
  if (typeof mentions === 'string') expect(lines[0]).toContain(mentions);
  else expect(lines[0]).toMatch(mentions);
}

const env = { CALLFLOW_LOG_LEVEL: 'silent' };

/** A port on 127.0.0.1 that was free a moment ago and now has nobody listening. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('one line, exit 1', () => {
  it('plan --out a directory, a path under no directory, or /dev/full', async () => {
    const root = exampleCopy('out');
    expectOneLine(await runCli(['plan', '--out', dir], { cwd: root, env }), 'plan', 'it is a directory');
    expectOneLine(await runCli(['plan', '--out', 'nodir/x.json'], { cwd: root, env }), 'plan', 'cannot write nodir/x.json: the directory nodir does not exist');
    expectOneLine(await runCli(['plan', '--out', '/dev/full'], { cwd: root, env }), 'plan', 'not a regular file');
  });

  it('apply --plan a missing file or a directory', async () => {
    const root = exampleCopy('in');
    expectOneLine(await runCli(['apply', '--plan', 'missing.json'], { cwd: root, env }), 'apply', 'no such file or directory');
    expectOneLine(await runCli(['apply', '--plan', dir], { cwd: root, env }), 'apply', 'it is a directory');
  });

  it('a provider URL with a bad port', async () => {
    const root = exampleCopy('port');
    expectOneLine(await runCli(['plan'], { cwd: root, env: { ...env, CALLFLOW_PROVIDER_URL: 'http://127.0.0.1:99999' } }), 'plan', 'is not a URL');
    expectOneLine(await runCli(['plan'], { cwd: root, env: { ...env, CALLFLOW_PROVIDER_URL: 'http://127.0.0.1:0' } }), 'plan', /GET \/v1\/numbers/);
  });

  it('a provider nobody answers at: its address (origin only, no query string) and the call', async () => {
    const root = exampleCopy('unreachable');
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}`;
    const run = await runCli(['plan'], { cwd: root, env: { ...env, CALLFLOW_PROVIDER_URL: `${url}/v1?token=s3cr3t` } });
    expectOneLine(run, 'plan', `cannot reach the provider at ${url} (connection refused): GET /v1/numbers`);
    expect(run.stderr).not.toContain('s3cr3t');
  });

  it('schema --out where a file is in the way', async () => {
    const root = exampleCopy('schema');
    writeFileSync(join(root, 'schema-here'), 'x');
    expectOneLine(await runCli(['schema', '--out', 'schema-here'], { cwd: root, env }), 'schema', `cannot create the directory ${join(root, 'schema-here')}: a file of that name is already there`);
  });

  it('a damaged state.json of the embedded sandbox says which file and what to do', async () => {
    for (const [name, content] of [['not-json', '{bad'], ['not-an-account', '{"format":1}']] as const) {
      const root = exampleCopy(`state-${name}`);
      mkdirSync(join(root, '.callflow/sandbox'), { recursive: true });
      writeFileSync(join(root, '.callflow/sandbox/state.json'), content);
      const run = await runCli(['plan'], { cwd: root, env });
      expectOneLine(run, 'plan', '.callflow/sandbox/state.json');
      expect(run.stderr).toMatch(/move it aside or delete it/);
    }
  });

  it('a damaged state.json of a standalone sandbox', async () => {
    const data = join(dir, 'standalone');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'state.json'), '{bad');
    const run = await runCli(['sandbox', '--data', data], { cwd: dir, env });
    expectOneLine(run, 'sandbox', 'state.json');
  });

  it('a state.json damaged under a running sandbox: it keeps serving what it acknowledged, and the next start says so in one line', async () => {
    const test = await startTestSandbox();
    const data = test.dir;
    try {
      writeFileSync(join(data, 'state.json'), '{bad');
      const root = exampleCopy('running');
      const run = await runCli(['plan'], { cwd: root, env: { ...env, CALLFLOW_PROVIDER_URL: test.sandbox.url } });
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(run.stderr).not.toContain('unexpected failure');
    } finally {
      await test.sandbox.close();
    }
    const reopened = await runCli(['sandbox', '--data', data], { cwd: dir, env });
    expectOneLine(reopened, 'sandbox', 'state.json');
  });
});
