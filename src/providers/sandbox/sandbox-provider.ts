/**
 * The `sandbox` provider: Aircall-shaped numbers, users and teams, plus the sandbox's
 * Smartflow (draft/version/publish), content-addressed audio and apply-lock endpoints.
 */
import { randomUUID } from 'node:crypto';
import { HttpClient, type HttpClientOptions } from '../../http/http-client.js';
import { listAircallNumbers, listAircallRingTargets, toMessages, toSummary, updateAircallNumber, toAircallNumber } from '../aircall-api.js';
import { LockHeldError, ProviderError } from '../errors.js';
import type {
  AudioAsset,
  FlowDocument,
  FlowVersion,
  LiveNumber,
  LiveNumberSummary,
  Lock,
  NumberSettingsUpdate,
  ProviderCapabilities,
  RingTarget,
  TelephonyProvider,
} from '../provider.js';

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
  readonly capabilities = SANDBOX_CAPABILITIES;
  private readonly client: HttpClient;

  constructor(
    options: HttpClientOptions,
    /** Runs on close(), e.g. stopping an in-process server. */
    private readonly onClose: () => Promise<void> = async () => {},
  ) {
    this.client = new HttpClient({ ...options, logger: options.logger.child({ component: 'provider-sandbox' }) });
  }

  get url(): string {
    return this.client.baseUrl;
  }

  async listNumbers(): Promise<LiveNumberSummary[]> {
    return (await listAircallNumbers(this.client)).map(toSummary);
  }

  async readNumber(id: string): Promise<LiveNumber> {
    // Our flow endpoint carries the number too: one request per number read.
    const flow = (await this.client.request<WireFlow>({ method: 'GET', path: `${flowPath(id)}` })).body;
    const number = toAircallNumber(flow.number, `GET ${flowPath(id)}`);
    return {
      ...toSummary(number),
      ...(number.language !== undefined ? { language: number.language } : {}),
      messages: toMessages(number),
      flow: {
        published: flow.published ? toVersion(flow.published) : null,
        draft: flow.draft ? toVersion(flow.draft) : null,
        latestVersion: flow.latest_version,
      },
    };
  }

  async hasAudio(sha256: string): Promise<boolean> {
    const response = await this.client.request({ method: 'HEAD', path: assetPath(sha256), accept: [404] });
    return response.status === 200;
  }

  async uploadAudio(content: Uint8Array, sha256: string): Promise<AudioAsset> {
    const response = await this.client.request<{ asset: AudioAsset }>({
      method: 'PUT',
      path: assetPath(sha256),
      body: content,
      headers: { 'content-type': 'audio/mpeg' },
    });
    return response.body.asset;
  }

  async writeDraft(numberId: string, document: FlowDocument, baseVersion: number): Promise<FlowVersion> {
    const response = await this.client.request<{ version: WireVersion }>({
      method: 'PUT',
      path: `${flowPath(numberId)}/draft`,
      headers: { 'if-match': `"${baseVersion}"` },
      json: { document },
    });
    return toVersion(response.body.version);
  }

  async publish(numberId: string, version: number): Promise<void> {
    // Publishing the same version twice changes nothing, so a retry is safe.
    await this.client.request({ method: 'POST', path: `${flowPath(numberId)}/publish`, json: { version }, idempotent: true });
  }

  async updateNumber(numberId: string, update: NumberSettingsUpdate): Promise<void> {
    await updateAircallNumber(this.client, numberId, update, true);
  }

  listRingTargets(): Promise<RingTarget[]> {
    return listAircallRingTargets(this.client);
  }

  async acquireLock(owner: string, ttlSeconds: number): Promise<Lock> {
    const token = randomUUID();
    const response = await this.client.request<LockAnswer>({ method: 'PUT', path: LOCK_PATH, json: { owner, token, ttl_seconds: Math.ceil(ttlSeconds) }, accept: [409] });
    if (response.status === 409) throw new LockHeldError(response.body.owner ?? 'someone', response.body.expires_at ?? 'unknown');
    const lock = response.body.lock;
    if (!lock) throw new ProviderError('PUT /callflow/locks/apply: the answer has no lock');
    return { owner: lock.owner, expiresAt: lock.expires_at, token };
  }

  async releaseLock(lock: Lock): Promise<void> {
    const response = await this.client.request<LockAnswer>({ method: 'DELETE', path: LOCK_PATH, headers: { 'x-callflow-lock-token': lock.token }, accept: [409] });
    if (response.status === 409) throw new LockHeldError(response.body.owner ?? 'someone', response.body.expires_at ?? 'unknown');
  }

  close(): Promise<void> {
    return this.onClose();
  }
}

interface LockAnswer {
  lock?: { owner: string; expires_at: string };
  owner?: string;
  expires_at?: string;
}

const LOCK_PATH = '/callflow/locks/apply';

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
