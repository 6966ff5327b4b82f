/**
 * "A killed server restarts with every acknowledged write intact": a real child process is
 * SIGKILLed while writes are in flight, restarted on the same data dir, and every write it
 * had acknowledged is read back.
 */
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging.js';
import { SandboxProvider } from '../../src/providers/sandbox/sandbox-provider.js';
import { CREDENTIALS, tempDir, removeTempDirs, startChildSandbox } from './helpers.js';

const children: ChildProcess[] = [];

function startChild(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  return startChildSandbox(args, children);
}

function providerFor(url: string): SandboxProvider {
  // No retries: a write counts as acknowledged only when its own answer arrived.
  return new SandboxProvider({ baseUrl: url, credentials: CREDENTIALS, logger: silentLogger(), retries: 0, timeoutMs: 5000, rateLimit: { limit: 100_000, windowMs: 60_000 } });
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

afterAll(removeTempDirs);

describe('sandbox durability', () => {
  it('loses no acknowledged write when the server is SIGKILLed mid-write', async () => {
    const dir = await tempDir();
    const seed = join(dir, 'seed.yaml');
    await writeFile(seed, 'numbers:\n  - { digits: "+33176360000", name: Flow, timezone: Europe/Paris }\n  - { digits: "+33176360001", name: Settings, timezone: Europe/Paris }\n');
    const data = join(dir, 'data');
    const first = await startChild(['--data', data, '--seed', seed, '--rate-limit', '100000']);
    const provider = providerFor(first.url);
    const [flowNumber, settingsNumber] = await provider.listNumbers();

    const ackedVersions = new Map<number, unknown>();
    const ackedNames: string[] = [];
    const sentNames: string[] = [];
    const ackedAssets: string[] = [];
    let stop = false;
    let base = 0;
    const flowWriter = (async () => {
      for (let i = 0; !stop; i += 1) {
        const document = { step: i, filler: 'x'.repeat(2000) };
        const version = await provider.flows!.writeDraft(flowNumber!.id, document, base).catch(() => undefined);
        if (!version) return;
        ackedVersions.set(version.version, document);
        base = version.version;
      }
    })();
    const settingsWriter = (async () => {
      for (let i = 0; !stop; i += 1) {
        const name = `Settings ${i}`;
        sentNames.push(name);
        if (!(await provider.updateNumber(settingsNumber!.id, { name }).then(() => true, () => false))) return;
        ackedNames.push(name);
      }
    })();
    const assetWriter = (async () => {
      for (let i = 0; !stop; i += 1) {
        const content = new TextEncoder().encode(`audio ${i} ${'y'.repeat(5000)}`);
        const hash = createHash('sha256').update(content).digest('hex');
        if (!(await provider.assets!.upload(content, hash).then(() => true, () => false))) return;
        ackedAssets.push(hash);
      }
    })();

    let writersEnded = false;
    void Promise.all([flowWriter, settingsWriter, assetWriter]).then(() => (writersEnded = true));
    // Bounded: a server that stops answering fails the test instead of hanging it.
    const deadline = Date.now() + 20_000;
    while ((ackedVersions.size < 15 || ackedNames.length < 15) && !writersEnded && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    expect(writersEnded, 'writers failed before the kill').toBe(false);
    expect(ackedVersions.size, 'acknowledged drafts before the kill').toBeGreaterThanOrEqual(15);
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all([flowWriter, settingsWriter, assetWriter]);
    if (first.child.exitCode === null && first.child.signalCode === null) await new Promise((resolve) => first.child.once('exit', resolve));

    const second = await startChild(['--data', data, '--rate-limit', '100000']);
    const after = providerFor(second.url);
    const flow = (await after.readNumber(flowNumber!.id)).flow!;
    const lastAcked = Math.max(...ackedVersions.keys());
    expect(flow.latestVersion).toBeGreaterThanOrEqual(lastAcked);
    const auth = { authorization: `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}` };
    for (const [version, document] of ackedVersions) {
      const response = await fetch(`${second.url}/callflow/numbers/${flowNumber!.id}/flow/versions/${version}`, { headers: auth });
      expect(((await response.json()) as { version: { document: unknown } }).version.document).toEqual(document);
    }
    // The name is the last acknowledged one, or a later one whose answer the kill swallowed.
    const name = (await after.readNumber(settingsNumber!.id)).name;
    expect(sentNames.indexOf(name)).toBeGreaterThanOrEqual(sentNames.indexOf(ackedNames.at(-1)!));
    for (const hash of ackedAssets) expect(await after.assets!.has(hash)).toBe(true);
    // And the store still takes writes (the dead server's lock file was recognised as stale).
    await after.flows!.writeDraft(flowNumber!.id, { after: 'restart' }, flow.latestVersion);
    await rm(dir, { recursive: true, force: true });
  });
});
