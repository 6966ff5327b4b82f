import { cp, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runSandbox } from '../../src/cli/sandbox.js';
import type { CliIo } from '../../src/cli/io.js';
import { silentLogger } from '../../src/logging.js';
import { SandboxProvider } from '../../src/providers/sandbox/sandbox-provider.js';
import { tempDir, removeTempDirs } from './helpers.js';

function io(cwd: string, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const value: CliIo = { stdout: (t) => out.push(t), stderr: (t) => out.push(t), cwd, env, isTTY: false };
  return { io: value, out };
}

/** Runs `callflow sandbox ARGS` in-process until `body` is done with its URL. */
async function withSandbox(args: string[], env: NodeJS.ProcessEnv, body: (url: string, out: string[]) => Promise<void>, cwd?: string) {
  const dir = cwd ?? (await tempDir());
  const { io: cli, out } = io(dir, env);
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const running = runSandbox(['--port', '0', ...args], cli, stopped);
  // Bounded, and a sandbox that fails to start fails the test instead of hanging it.
  let ended = false;
  void running.finally(() => (ended = true)).catch(() => undefined);
  const deadline = Date.now() + 20_000;
  while (!out.some((l) => l.includes('listening on')) && !ended && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  if (!out.some((l) => l.includes('listening on'))) throw new Error(`sandbox did not start: ${ended ? await running.then(String, String) : 'no answer in 20 s'}\n${out.join('\n')}`);
  const url = /listening on (\S+)/.exec(out.find((l) => l.includes('listening on'))!)![1]!;
  try {
    await body(url, out);
  } finally {
    stop();
    expect(await running).toBe(0);
  }
}

afterAll(removeTempDirs);

describe('callflow sandbox', () => {
  it('--seed-config ROOT provisions the numbers, users and teams the config names', async () => {
    const root = await tempDir('callflow-root-');
    await cp(fileURLToPath(new URL('../../config', import.meta.url)), join(root, 'config'), { recursive: true });
    await withSandbox(['--data', join(root, 'data'), '--seed-config', root], {}, async (url, out) => {
      expect(out[0]).toMatch(/^provisioned 3 numbers, 1 user, 4 teams$/);
      const provider = new SandboxProvider({ baseUrl: url, credentials: { id: 'sandbox', token: 'sandbox' }, logger: silentLogger() });
      const live = await provider.readNumber((await provider.listNumbers())[0]!.id);
      expect(live.flow).toEqual({ published: null, draft: null, latestVersion: 0 });
      expect((await provider.listRingTargets()).filter((t) => t.kind === 'team').map((t) => t.name)).toEqual(['Sales East', 'Sales West', 'Support N1', 'Ventes']);
    });
  });

  it('uses SANDBOX_API_ID / SANDBOX_API_TOKEN and a seed file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'seed.yaml'), 'numbers:\n  - { digits: "+4930123456", name: Berlin, timezone: Europe/Berlin }\nusers: [{ name: Ann }]\nteams: [{ name: Ops, users: [Ann] }]\n');
    await withSandbox(['--data', 'data', '--seed', 'seed.yaml'], { SANDBOX_API_ID: 'me', SANDBOX_API_TOKEN: 'secret' }, async (url) => {
      const provider = new SandboxProvider({ baseUrl: url, credentials: { id: 'me', token: 'secret' }, logger: silentLogger() });
      expect(await provider.listNumbers()).toEqual([{ id: '1001', number: '+4930123456', name: 'Berlin', timezone: 'Europe/Berlin' }]);
      const sandboxDefault = new SandboxProvider({ baseUrl: url, credentials: { id: 'sandbox', token: 'sandbox' }, logger: silentLogger() });
      await expect(sandboxDefault.listNumbers()).rejects.toThrow(/401/);
    }, dir);
  });

  it('refuses a bad faults spec as a usage error', async () => {
    const { io: cli } = io(await tempDir());
    await expect(runSandbox(['--faults', 'rate=5'], cli, Promise.resolve())).rejects.toThrow(/between 0 and 1/);
  });
});
