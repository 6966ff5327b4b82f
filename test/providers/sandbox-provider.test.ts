import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthError, LockHeldError, NotFoundError, ProviderError, StaleVersionError } from '../../src/providers/errors.js';
import type { SandboxProvider } from '../../src/providers/sandbox/sandbox-provider.js';
import { startTestSandbox, type TestSandbox } from '../sandbox/helpers.js';

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('sandbox provider against the real sandbox server', () => {
  let t: TestSandbox;
  let provider: SandboxProvider;
  beforeEach(async () => {
    t = await startTestSandbox();
    provider = t.provider();
  });
  afterEach(() => t.close());

  const idOf = async (e164: string) => (await provider.listNumbers()).find((n) => n.number === e164)!.id;

  it('lists the numbers bought in the account, E.164 first', async () => {
    const numbers = await provider.listNumbers();
    expect(numbers.map((n) => [n.number, n.name, n.timezone])).toEqual([
      ['+33176360000', 'Support France', 'Europe/Paris'],
      ['+12125550142', 'Sales US', 'America/New_York'],
    ]);
  });

  it('follows pagination links past the first page', async () => {
    await t.close();
    const numbers = Array.from({ length: 123 }, (_, i) => ({ digits: `+3317636${String(i).padStart(4, '0')}`, name: `Line ${i}`, timezone: 'Europe/Paris' }));
    t = await startTestSandbox({ seed: { numbers, users: [], teams: [] } });
    provider = t.provider();
    const listed = await provider.listNumbers();
    expect(listed).toHaveLength(123);
    expect(new Set(listed.map((n) => n.number)).size).toBe(123);
  });

  it('reads a new number with the platform default flow: nothing published, version 0', async () => {
    const live = await provider.readNumber(await idOf('+33176360000'));
    expect(live).toMatchObject({ number: '+33176360000', name: 'Support France', language: 'fr-FR', flow: { published: null, draft: null, latestVersion: 0 } });
    expect(live.messages.welcome).toBeNull();
  });

  it('writes a draft on the expected base version, refuses a stale one, and publishes atomically', async () => {
    const id = await idOf('+33176360000');
    const v1 = await provider.flows!.writeDraft(id, { start: 'welcome', steps: { welcome: { type: 'hangup' } } }, 0);
    expect(v1.version).toBe(1);
    let live = await provider.readNumber(id);
    expect(live.flow).toMatchObject({ published: null, draft: { version: 1 }, latestVersion: 1 });

    await expect(provider.flows!.writeDraft(id, { other: true }, 0)).rejects.toBeInstanceOf(StaleVersionError);

    await provider.flows!.publish(id, 1);
    live = await provider.readNumber(id);
    expect(live.flow?.published?.document).toEqual({ start: 'welcome', steps: { welcome: { type: 'hangup' } } });
    expect(live.flow?.draft).toBeNull();

    const v2 = await provider.flows!.writeDraft(id, { start: 'b' }, 1);
    expect(v2.version).toBe(2);
    live = await provider.readNumber(id);
    expect(live.flow).toMatchObject({ published: { version: 1 }, draft: { version: 2 }, latestVersion: 2 });
    await expect(provider.flows!.publish(id, 7)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('answers a replayed draft write (lost response) with the version it already created', async () => {
    const id = await idOf('+12125550142');
    const first = await provider.flows!.writeDraft(id, { a: 1 }, 0);
    const replay = await provider.flows!.writeDraft(id, { a: 1 }, 0);
    expect(replay.version).toBe(first.version);
    expect((await provider.readNumber(id)).flow?.latestVersion).toBe(1);
  });

  it('stores audio by content, once, and refuses content that does not match its hash', async () => {
    const content = new TextEncoder().encode('ID3 fake mp3 bytes');
    const hash = sha(content);
    expect(await provider.assets!.has(hash)).toBe(false);
    const asset = await provider.assets!.upload(content, hash);
    expect(asset).toMatchObject({ sha256: hash, size: content.length });
    expect(await provider.assets!.has(hash)).toBe(true);
    expect(await provider.assets!.upload(content, hash)).toMatchObject({ sha256: hash });
    const response = await fetch(asset.url!, { headers: { authorization: `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}` } });
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(content);
    await expect(provider.assets!.upload(content, sha(new Uint8Array([1])))).rejects.toThrow(/422/);
  });

  it('updates settings and music & messages, refusing an asset that was never uploaded', async () => {
    const id = await idOf('+33176360000');
    const content = new TextEncoder().encode('hold music');
    await provider.assets!.upload(content, sha(content));
    await provider.updateNumber(id, { name: 'Support FR', timezone: 'Europe/Brussels', language: 'fr-BE', messages: { waiting: sha(content), welcome: 'https://audio.example.com/w.mp3' } });
    const live = await provider.readNumber(id);
    expect(live).toMatchObject({ name: 'Support FR', timezone: 'Europe/Brussels', language: 'fr-BE' });
    expect(live.messages).toMatchObject({ waiting: sha(content), welcome: 'https://audio.example.com/w.mp3', voicemail: null });
    await expect(provider.updateNumber(id, { messages: { ivr: 'f'.repeat(64) } })).rejects.toThrow(/Unknown audio asset/);
    await expect(provider.updateNumber(id, { timezone: 'Mars/Olympus' })).rejects.toThrow(/IANA/);
  });

  it('resolves ring targets: users and teams by name', async () => {
    const targets = await provider.listRingTargets();
    expect(targets.map((t) => `${t.kind}:${t.name}`).sort()).toEqual(['team:Sales', 'team:Support N1', 'user:Dana Whitfield', 'user:Léa Martin']);
    expect(targets.every((t) => /^\d+$/.test(t.id))).toBe(true);
  });

  it('holds the account-wide apply lock for one owner at a time', async () => {
    const other = t.provider();
    const lock = await provider.lock!.acquire('alice (run 1)', 60);
    expect(lock.owner).toBe('alice (run 1)');
    const refused = await other.lock!.acquire('bob (run 2)', 60).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LockHeldError);
    expect((refused as LockHeldError).holder).toBe('alice (run 1)');
    await expect(other.lock!.release({ ...lock, token: 'not-the-token' })).rejects.toBeInstanceOf(LockHeldError);
    await provider.lock!.release(lock);
    const bobs = await other.lock!.acquire('bob (run 2)', 60);
    await other.lock!.release(bobs);
  });

  it('fails with typed errors: unknown number, wrong credentials', async () => {
    await expect(provider.readNumber('999999')).rejects.toBeInstanceOf(NotFoundError);
    const intruder = t.provider({ credentials: { id: 'sandbox', token: 'wrong' } });
    await expect(intruder.listNumbers()).rejects.toBeInstanceOf(AuthError);
  });

  it('reports a server that is not there as a provider error naming where it is and the call', async () => {
    const url = t.sandbox.url;
    await t.sandbox.close();
    const gone = t.provider({ baseUrl: url, retries: 1, random: () => 0 });
    const error = await gone.listNumbers().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as Error).message).toBe(`cannot reach the provider at ${new URL(url).origin} (connection refused): GET /v1/numbers`);
    t.sandbox.close = async () => {};
  });
});
