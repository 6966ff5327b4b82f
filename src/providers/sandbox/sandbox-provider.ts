/**
 * The `sandbox` provider: Aircall-shaped numbers, users and teams, plus the sandbox's
 * Smartflow (draft/version/publish), content-addressed audio and apply-lock endpoints —
 * every optional part of a provider.
 */
import { randomUUID } from 'node:crypto';
import type { FlowDocument, FlowVersion, LiveNumber, LiveNumberSummary, NumberSettingsUpdate, ProviderCapabilities, RingTarget } from '../../model/live.js';
import { listAircallNumbers, listAircallRingTargets, toAircallNumber, toMessages, toSummary, updateAircallNumber } from '../aircall-api.js';
import { LockHeldError, ProviderError } from '../errors.js';
import { HttpClient, type HttpClientOptions } from '../http/http-client.js';
import { fetchAllPages } from '../http/paginate.js';
import type { AccountLock, AssetStore, AudioAsset, FlowStore, Lock, TelephonyProvider } from '../provider.js';

interface WireVersion {
  version: number;
  document: FlowDocument;
  created_at?: string;
  author?: string;
}

interface WireFlow {
  number: unknown;
  published: WireVersion | null;
  draft: WireVersion | null;
  latest_version: number;
}

export const SANDBOX_CAPABILITIES: ProviderCapabilities = {
  flows: true,
  audio: 'upload',
  locks: true,
  limitations: [],
};

export class SandboxProvider implements TelephonyProvider {
  readonly name = 'sandbox';
  readonly account: string;
  readonly capabilities: ProviderCapabilities;
  readonly flows: FlowStore;
  readonly assets: AssetStore;
  readonly lock: AccountLock;
  private readonly client: HttpClient;

  constructor(
    options: HttpClientOptions,
    /** Runs on close(), e.g. stopping an in-process server. */
    private readonly onClose: () => Promise<void> = async () => {},
    /** What the plan says of a configured number this sandbox lacks. */
    provisionHint?: string,
    /** See TelephonyProvider.account; by default the server's origin. */
    account?: string,
  ) {
    this.account = account ?? `sandbox at ${new URL(options.baseUrl).origin}`;
    this.capabilities = provisionHint ? { ...SANDBOX_CAPABILITIES, provisionHint } : SANDBOX_CAPABILITIES;
    // While this provider holds the apply lock, every request carries its token: the sandbox
    // refuses a write whose token no longer holds the lock (LockLostError).
    const fence: Fence = {};
    this.client = new HttpClient({
      ...options,
      logger: options.logger.child({ component: 'provider-sandbox' }),
      headers: (): Record<string, string> => (fence.token ? { [LOCK_TOKEN_HEADER]: fence.token } : {}),
    });
    this.flows = sandboxFlows(this.client);
    this.assets = sandboxAssets(this.client);
    this.lock = sandboxLock(this.client, fence);
  }

  get url(): string {
    return this.client.baseUrl;
  }

  async listNumbers(): Promise<LiveNumberSummary[]> {
    return (await listAircallNumbers(this.client)).map(toSummary);
  }

  async readAccount(): Promise<LiveNumber[]> {
    // `embed=flow` (our extension) carries each number's flow in the list pages.
    const items = await fetchAllPages<{ flow?: unknown }>(this.client, '/numbers', 'numbers', { embed: 'flow' });
    return items.map((item) => toLiveNumber({ ...(item.flow as Omit<WireFlow, 'number'>), number: item }, 'GET /numbers?embed=flow'));
  }

  async readNumber(id: string): Promise<LiveNumber> {
    const flow = (await this.client.request<WireFlow>({ method: 'GET', path: flowPath(id) })).body;
    return toLiveNumber(flow, `GET ${flowPath(id)}`);
  }

  async updateNumber(numberId: string, update: NumberSettingsUpdate): Promise<void> {
    await updateAircallNumber(this.client, numberId, update, true);
  }

  listRingTargets(): Promise<RingTarget[]> {
    return listAircallRingTargets(this.client);
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

function toLiveNumber(wire: WireFlow, where: string): LiveNumber {
  const number = toAircallNumber(wire?.number, where);
  if (!wire.latest_version && wire.latest_version !== 0) throw new ProviderError(`${where}: the answer has no flow state for number ${number.id}`);
  return {
    ...toSummary(number),
    ...(number.language !== undefined ? { language: number.language } : {}),
    messages: toMessages(number),
    flow: {
      published: wire.published ? toVersion(wire.published) : null,
      draft: wire.draft ? toVersion(wire.draft) : null,
      latestVersion: wire.latest_version,
    },
  };
}

function sandboxFlows(client: HttpClient): FlowStore {
  return {
    async writeDraft(numberId, document, baseVersion, author) {
      const response = await client.request<{ version: WireVersion }>({
        method: 'PUT',
        path: `${flowPath(numberId)}/draft`,
        headers: { 'if-match': `"${baseVersion}"` },
        json: author ? { document, author } : { document },
      });
      return toVersion(response.body.version);
    },
    async publish(numberId, version) {
      // Publishing the same version twice changes nothing, so a retry is safe.
      await client.request({ method: 'POST', path: `${flowPath(numberId)}/publish`, json: { version }, idempotent: true });
    },
  };
}

function sandboxAssets(client: HttpClient): AssetStore {
  return {
    async has(sha256) {
      const response = await client.request({ method: 'HEAD', path: assetPath(sha256), accept: [404] });
      return response.status === 200;
    },
    async upload(content, sha256): Promise<AudioAsset> {
      const response = await client.request<{ asset: AudioAsset }>({
        method: 'PUT',
        path: assetPath(sha256),
        body: content,
        headers: { 'content-type': 'audio/mpeg' },
      });
      return response.body.asset;
    },
    async read(sha256) {
      const response = await client.request<unknown>({ method: 'GET', path: assetPath(sha256), headers: { accept: 'audio/mpeg' } });
      if (!(response.body instanceof Uint8Array)) throw new ProviderError(`GET ${assetPath(sha256)}: the answer is not audio`);
      return response.body;
    },
  };
}

interface Fence {
  token?: string;
}

function sandboxLock(client: HttpClient, fence: Fence): AccountLock {
  const put = async (owner: string, token: string, ttlSeconds: number, where?: { host: string; pid: number }): Promise<Lock> => {
    const json = { owner, token, ttl_seconds: Math.ceil(ttlSeconds), ...(where ? { host: where.host, pid: where.pid } : {}) };
    const response = await client.request<LockAnswer>({ method: 'PUT', path: LOCK_PATH, json, accept: [409] });
    if (response.status === 409) throw heldError(response.body);
    const lock = response.body.lock;
    if (!lock) throw new ProviderError('PUT /callflow/locks/apply: the answer has no lock');
    fence.token = token;
    return { owner: lock.owner, expiresAt: lock.expires_at, token, ...(lock.id ? { id: lock.id } : {}) };
  };
  return {
    acquire: (owner, ttlSeconds, where) => put(owner, randomUUID(), ttlSeconds, where),
    // The same token again: the sandbox extends the holding (its id stays) unless another holds the lock now.
    renew: (lock, ttlSeconds) => put(lock.owner, lock.token, ttlSeconds),
    async release(lock) {
      if (fence.token === lock.token) delete fence.token;
      const response = await client.request<LockAnswer>({ method: 'DELETE', path: LOCK_PATH, headers: { [LOCK_TOKEN_HEADER]: lock.token }, accept: [409] });
      if (response.status === 409) throw heldError(response.body);
    },
    async break(holder) {
      if (!holder.id) throw new ProviderError('this lock has no id to break it by (written by an older sandbox); wait until it expires');
      const response = await client.request<LockAnswer>({ method: 'DELETE', path: LOCK_PATH, headers: { 'x-callflow-break-lock': holder.id }, accept: [409] });
      if (response.status === 409) throw heldError(response.body);
    },
  };
}

function heldError(body: LockAnswer): LockHeldError {
  const owner = body.owner ?? 'someone';
  const expiresAt = body.expires_at ?? 'unknown';
  return new LockHeldError(owner, expiresAt, {
    owner,
    expiresAt,
    ...(body.id ? { id: body.id } : {}),
    ...(body.host !== undefined ? { host: body.host } : {}),
    ...(body.pid !== undefined ? { pid: body.pid } : {}),
  });
}

interface LockAnswer {
  lock?: { id?: string; owner: string; expires_at: string };
  id?: string;
  owner?: string;
  expires_at?: string;
  host?: string;
  pid?: number;
}

const LOCK_PATH = '/callflow/locks/apply';
const LOCK_TOKEN_HEADER = 'x-callflow-lock-token';

function flowPath(id: string): string {
  return `/callflow/numbers/${encodeURIComponent(id)}/flow`;
}

function assetPath(sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new ProviderError(`not a sha256: "${sha256}"`);
  return `/callflow/assets/${sha256}`;
}

function toVersion(wire: WireVersion): FlowVersion {
  return {
    version: wire.version,
    document: wire.document,
    ...(wire.created_at ? { createdAt: wire.created_at } : {}),
    ...(wire.author ? { author: wire.author } : {}),
  };
}
