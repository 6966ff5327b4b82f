import { cp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadRepo } from '../../src/config/load.js';
import { settingsFile } from '../../src/config/schema/index.js';
import { silentLogger } from '../../src/logging.js';
import { AuthError } from '../../src/providers/errors.js';
import { openProvider } from '../../src/providers/registry.js';
import type { TelephonyProvider } from '../../src/providers/provider.js';
import { startTestSandbox, tempDir, type TestSandbox, removeTempDirs } from '../sandbox/helpers.js';

const EXAMPLE_CONFIG = fileURLToPath(new URL('../../config', import.meta.url));
const settings = settingsFile.parse({ audio: { publicBaseUrl: 'https://audio.example.com/cf' } });
const opened: TelephonyProvider[] = [];
let remote: TestSandbox | undefined;

afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
  await remote?.close();
  remote = undefined;
});

async function exampleRoot(): Promise<string> {
  const root = await tempDir('callflow-root-');
  await cp(EXAMPLE_CONFIG, join(root, 'config'), { recursive: true });
  return root;
}

async function open(root: string, env: NodeJS.ProcessEnv = {}) {
  // As the pipeline does: the in-process sandbox is provisioned from the config already loaded.
  const { repo } = await loadRepo({ root, configDir: 'config' });
  const provider = await openProvider({ root, settings, env, logger: silentLogger(), repo });
  opened.push(provider);
  return provider;
}

afterAll(removeTempDirs);

describe('openProvider', () => {
  it('starts the in-process sandbox on .callflow/sandbox, provisioned from the repo config', async () => {
    const root = await exampleRoot();
    const first = await open(root);
    expect(first.name).toBe('sandbox');
    const numbers = (await first.listNumbers()).map((n) => n.number).sort();
    expect(numbers).toEqual(['+12125550142', '+33176360000', '+442071838750']);
    const targets = (await first.listRingTargets()).map((t) => `${t.kind}:${t.name}`);
    expect(targets).toContain('user:Dana Whitfield');
    expect(targets).toContain('team:Sales East');
    const id = (await first.listNumbers())[0]!.id;
    await first.flows!.writeDraft(id, { kept: true }, 0);
    await first.close();
    opened.length = 0;

    // A number added to config later is provisioned as if bought on reopening; what was written is kept.
    await writeFile(join(root, 'config/numbers/new.yaml'), 'number: "+33999999999"\nname: New\ntimezone: Europe/Paris\nlanguage: fr-FR\nflow: { start: bye, steps: { bye: { type: hangup } } }\n');
    const again = await open(root);
    expect((await again.listNumbers()).map((n) => n.number).sort()).toEqual(['+12125550142', '+33176360000', '+33999999999', '+442071838750']);
    expect((await again.readNumber(id)).flow?.draft?.document).toEqual({ kept: true });
    await rm(root, { recursive: true, force: true });
  });

  it('lets two commands share the embedded store at once', async () => {
    const root = await exampleRoot();
    const [a, b] = await Promise.all([open(root), open(root)]);
    expect(await a.listNumbers()).toHaveLength(3);
    expect(await b.listNumbers()).toHaveLength(3);
    const id = (await a.listNumbers())[0]!.id;
    await a.flows!.writeDraft(id, { by: 'a' }, 0);
    expect((await b.readNumber(id)).flow?.latestVersion).toBe(1);
    const lock = await a.lock!.acquire('shell 1', 60);
    await expect(b.lock!.acquire('shell 2', 60)).rejects.toThrow(/shell 1/);
    await a.lock!.release(lock);
  });

  it('follows CALLFLOW_PROVIDER_URL to a running sandbox (with or without /v1)', async () => {
    remote = await startTestSandbox();
    const root = await exampleRoot();
    const provider = await open(root, { CALLFLOW_PROVIDER: 'sandbox', CALLFLOW_PROVIDER_URL: remote.sandbox.url.replace(/\/v1$/, '') });
    expect((await provider.listNumbers()).map((n) => n.name)).toEqual(['Support France', 'Sales US']);
    expect(provider.url).toBe(remote.sandbox.url);
  });

  it('opens the aircall provider only with credentials from the environment', async () => {
    remote = await startTestSandbox();
    const root = await exampleRoot();
    await expect(open(root, { CALLFLOW_PROVIDER: 'aircall' })).rejects.toThrow(AuthError);
    await expect(open(root, { CALLFLOW_PROVIDER: 'aircall' })).rejects.toThrow(/AIRCALL_API_ID and AIRCALL_API_TOKEN/);
    const provider = await open(root, { CALLFLOW_PROVIDER: 'aircall', CALLFLOW_PROVIDER_URL: remote.sandbox.url, AIRCALL_API_ID: 'sandbox', AIRCALL_API_TOKEN: 'sandbox' });
    expect(provider.name).toBe('aircall');
    expect(provider.capabilities.flows).toBe(false);
    expect(provider.audioUrl?.('audio/a.mp3', 'e'.repeat(64))).toBe(`https://audio.example.com/cf/audio/a.mp3?sha256=${'e'.repeat(64)}`);
    expect(await provider.listNumbers()).toHaveLength(2);
  });
});
