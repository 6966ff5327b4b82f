/**
 * The `aircall` provider: Aircall's public API v1 (https://api.aircall.io/v1). It reads and
 * updates numbers and their music & messages; it has no Smartflow endpoints and no lock
 * resource, and takes audio as public URLs — the capabilities say so, so plans say so.
 */
import { HttpClient, type HttpClientOptions } from '../../http/http-client.js';
import { publicAudioUrl } from '../audio-url.js';
import { listAircallNumbers, listAircallRingTargets, readAircallNumber, toMessages, toSummary, updateAircallNumber } from '../aircall-api.js';
import { ProviderError } from '../errors.js';
import type {
  AudioAsset,
  FlowVersion,
  LiveNumber,
  LiveNumberSummary,
  Lock,
  NumberSettingsUpdate,
  ProviderCapabilities,
  RingTarget,
  TelephonyProvider,
} from '../provider.js';

export const AIRCALL_API_URL = 'https://api.aircall.io/v1';

export function aircallCapabilities(publicBaseUrl: string | undefined): ProviderCapabilities {
  return {
    flows: false,
    audio: 'url',
    locks: false,
    limitations: [
      "Aircall's public API cannot read or write Smartflows: call flows are validated and tested here but must be built in the Aircall dashboard; only number names and music & messages are applied",
      publicBaseUrl
        ? `audio is not uploaded: Aircall fetches each mp3 from ${publicBaseUrl}/<repo path>?sha256=<hash>, so those URLs must be reachable before apply`
        : 'audio is not uploaded: set audio.publicBaseUrl in config/callflow.yaml to where the mp3 files are served, so music & messages can be applied',
      "Aircall's API has no per-number language and no account lock: concurrent applies must be serialised by CI (a concurrency group)",
    ],
  };
}

export class AircallProvider implements TelephonyProvider {
  readonly name = 'aircall';
  readonly capabilities: ProviderCapabilities;
  private readonly client: HttpClient;

  constructor(
    options: HttpClientOptions,
    private readonly publicBaseUrl: string | undefined,
  ) {
    this.client = new HttpClient({ ...options, logger: options.logger.child({ component: 'provider-aircall' }) });
    this.capabilities = aircallCapabilities(publicBaseUrl);
  }

  get url(): string {
    return this.client.baseUrl;
  }

  async listNumbers(): Promise<LiveNumberSummary[]> {
    return (await listAircallNumbers(this.client)).map(toSummary);
  }

  async readNumber(id: string): Promise<LiveNumber> {
    const number = await readAircallNumber(this.client, id);
    return { ...toSummary(number), messages: toMessages(number), flow: null };
  }

  /** Nothing is uploaded to Aircall: the content is served from `audio.publicBaseUrl`. */
  async hasAudio(): Promise<boolean> {
    return true;
  }

  async uploadAudio(content: Uint8Array, sha256: string): Promise<AudioAsset> {
    return { sha256, size: content.byteLength };
  }

  audioUrl(path: string, sha256: string): string {
    if (!this.publicBaseUrl) throw new ProviderError('audio.publicBaseUrl is not set in config/callflow.yaml: Aircall needs public URLs for mp3 files');
    return publicAudioUrl(this.publicBaseUrl, path, sha256);
  }

  writeDraft(): Promise<FlowVersion> {
    return Promise.reject(new ProviderError("Aircall's public API cannot write call flows (Smartflows)"));
  }

  publish(): Promise<void> {
    return Promise.reject(new ProviderError("Aircall's public API cannot publish call flows (Smartflows)"));
  }

  updateNumber(numberId: string, update: NumberSettingsUpdate): Promise<void> {
    return updateAircallNumber(this.client, numberId, update, false);
  }

  listRingTargets(): Promise<RingTarget[]> {
    return listAircallRingTargets(this.client);
  }

  /** No lock resource in Aircall's API (capabilities.locks is false): a local, advisory lock. */
  async acquireLock(owner: string, ttlSeconds: number): Promise<Lock> {
    return { owner, expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString(), token: 'local' };
  }

  async releaseLock(): Promise<void> {}

  async close(): Promise<void> {}
}
