/**
 * The `aircall` provider: Aircall's public API v1 (https://api.aircall.io/v1). It reads and
 * updates numbers and their music & messages; it has no Smartflow endpoints and no lock
 * resource, and takes audio as public URLs — the capabilities say so, so plans say so.
 */
import type { LiveNumber, LiveNumberSummary, NumberSettingsUpdate, ProviderCapabilities, RingTarget } from '../../model/live.js';
import { publicAudioUrl } from '../audio-url.js';
import { listAircallNumbers, listAircallRingTargets, readAircallNumber, toMessages, toSummary, updateAircallNumber, type AircallNumber } from '../aircall-api.js';
import { ProviderError } from '../errors.js';
import { HttpClient, type HttpClientOptions } from '../http/http-client.js';
import type { TelephonyProvider } from '../provider.js';
import { publishedAudio, type PublishedAudio, type PublishedAudioOptions } from '../published-audio.js';

export const AIRCALL_API_URL = 'https://api.aircall.io/v1';

export function aircallCapabilities(publicBaseUrl: string | undefined): ProviderCapabilities {
  return {
    flows: false,
    audio: 'url',
    locks: false,
    limitations: [
      "Aircall's public API cannot read or write Smartflows: call flows are validated and tested here but their routing must be built in the Aircall dashboard; callflow applies each number's name, time zone and music & messages",
      'music & messages are set from mp3 files only: a slot the flow fills with text-to-speech or library music is not written and stays managed in the Aircall dashboard',
      publicBaseUrl
        ? `audio is not uploaded: Aircall downloads each mp3 from ${publicBaseUrl.replace(/\/+$/, '')}/<repo path>?sha256=<hash>; apply first checks that each URL serves the repo file's bytes and refuses a number whose audio is not published`
        : 'audio is not uploaded: set audio.publicBaseUrl in config/callflow.yaml to where the mp3 files are served, so music & messages can be applied',
      "a number's language is neither read nor set on Aircall",
      'callflow takes no apply lock on Aircall: concurrent applies must be serialised by CI (a concurrency group)',
    ],
  };
}

export class AircallProvider implements TelephonyProvider {
  readonly name = 'aircall';
  readonly capabilities: ProviderCapabilities;
  readonly publishedAudio: PublishedAudio;
  private readonly client: HttpClient;

  constructor(
    options: HttpClientOptions,
    private readonly publicBaseUrl: string | undefined,
    audioHost: PublishedAudioOptions = {},
  ) {
    this.client = new HttpClient({ ...options, logger: options.logger.child({ component: 'provider-aircall' }) });
    this.capabilities = aircallCapabilities(publicBaseUrl);
    this.publishedAudio = publishedAudio(audioHost);
  }

  get url(): string {
    return this.client.baseUrl;
  }

  get account(): string {
    return `aircall at ${new URL(this.client.baseUrl).origin}`;
  }

  async listNumbers(): Promise<LiveNumberSummary[]> {
    return (await listAircallNumbers(this.client)).map(toSummary);
  }

  /** The list pages carry each number's music & messages: no read per number. */
  async readAccount(): Promise<LiveNumber[]> {
    return (await listAircallNumbers(this.client)).map(toLiveNumber);
  }

  async readNumber(id: string): Promise<LiveNumber> {
    return toLiveNumber(await readAircallNumber(this.client, id));
  }

  audioUrl(path: string, sha256: string): string {
    if (!this.publicBaseUrl) throw new ProviderError('audio.publicBaseUrl is not set in config/callflow.yaml: Aircall needs public URLs for mp3 files');
    return publicAudioUrl(this.publicBaseUrl, path, sha256);
  }

  updateNumber(numberId: string, update: NumberSettingsUpdate): Promise<void> {
    return updateAircallNumber(this.client, numberId, update, false);
  }

  listRingTargets(): Promise<RingTarget[]> {
    return listAircallRingTargets(this.client);
  }

  async close(): Promise<void> {}
}

function toLiveNumber(number: AircallNumber): LiveNumber {
  return { ...toSummary(number), messages: toMessages(number), flow: null };
}
