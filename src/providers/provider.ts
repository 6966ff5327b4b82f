/**
 * The telephony API as the operator needs it (octoDNS-style: a small interface, two
 * implementations — `sandbox/` and `aircall/`). Flows are exchanged as a `FlowDocument`:
 * callflow's canonical JSON of a flow (built by `plan/`), stored by the provider as is.
 *
 * Additions since the first version (all optional, so existing callers are unaffected):
 * - `TelephonyProvider.audioUrl(path, sha256)`: for `capabilities.audio === 'url'`, the public
 *   URL the platform fetches a repo file from (see providers/audio-url.ts); plans list these
 *   URLs as "must be reachable", apply writes them into the number's messages.
 * - `TelephonyProvider.url`: the API base URL in use (never with credentials), for messages.
 */

/** A phone number as listed by the account. */
export interface LiveNumberSummary {
  /** Provider id (Aircall numbers have integer ids; kept as a string). */
  id: string;
  /** E.164, the identity key matched against `number:` in YAML. */
  number: string;
  name: string;
  timezone: string;
}

/** The platform's "music & messages" of a number: URL or asset sha256 per slot. */
export interface NumberMessages {
  welcome?: string | null;
  waiting?: string | null;
  ringing_tone?: string | null;
  ivr?: string | null;
  voicemail?: string | null;
  closed?: string | null;
  callback_later?: string | null;
  unanswered_call?: string | null;
  after_hours?: string | null;
}

/** Opaque to providers: canonical JSON produced and compared by `plan/`. */
export type FlowDocument = Record<string, unknown>;

export interface FlowVersion {
  version: number;
  document: FlowDocument;
  /** ISO time; who/what wrote it when the provider knows. */
  createdAt?: string;
  author?: string;
}

export interface LiveNumber extends LiveNumberSummary {
  language?: string;
  messages: NumberMessages;
  /** Smartflow state; null when the provider cannot express flows (see capabilities). */
  flow: {
    /** The version callers get; null while the number still has the platform's default flow. */
    published: FlowVersion | null;
    /** Latest draft, when one exists beyond the published version. */
    draft: FlowVersion | null;
    /** Highest version number: the `baseVersion` a new draft must name. */
    latestVersion: number;
  } | null;
}

export interface NumberSettingsUpdate {
  name?: string;
  timezone?: string;
  language?: string;
  messages?: NumberMessages;
}

export interface RingTarget {
  kind: 'user' | 'team';
  id: string;
  name: string;
}

export interface ProviderCapabilities {
  /** Smartflow graphs (drafts, versions, publish). Aircall's public API has none. */
  flows: boolean;
  /** Audio uploaded as content (sandbox) or given as public URLs (aircall). */
  audio: 'upload' | 'url';
  /** An account-wide lock resource for apply. */
  locks: boolean;
  /** Human sentences for the plan: what this provider cannot do. */
  limitations: string[];
}

export interface AudioAsset {
  sha256: string;
  /** Where the platform fetches or serves it. */
  url?: string;
  size: number;
}

export interface Lock {
  owner: string;
  expiresAt: string;
  /** Opaque token needed to release or renew. */
  token: string;
}

export interface TelephonyProvider {
  readonly name: 'sandbox' | 'aircall';
  readonly capabilities: ProviderCapabilities;
  listNumbers(): Promise<LiveNumberSummary[]>;
  readNumber(id: string): Promise<LiveNumber>;
  /** True when an asset with this content is already stored (upload only new content). */
  hasAudio(sha256: string): Promise<boolean>;
  /** Idempotent: uploading the same content twice stores it once. */
  uploadAudio(content: Uint8Array, sha256: string): Promise<AudioAsset>;
  /** Fails with `StaleVersionError` when `baseVersion` is not the latest version. */
  writeDraft(numberId: string, document: FlowDocument, baseVersion: number): Promise<FlowVersion>;
  /** Atomically makes a draft version the published one. */
  publish(numberId: string, version: number): Promise<void>;
  updateNumber(numberId: string, update: NumberSettingsUpdate): Promise<void>;
  listRingTargets(): Promise<RingTarget[]>;
  /** Fails with `LockHeldError` naming the holder when another owner holds it. */
  acquireLock(owner: string, ttlSeconds: number): Promise<Lock>;
  releaseLock(lock: Lock): Promise<void>;
  /** For URL-based audio: where the platform fetches this repo file (base + path + hash). */
  audioUrl?(path: string, sha256: string): string;
  /** API base URL (no credentials). */
  readonly url?: string;
  close(): Promise<void>;
}
