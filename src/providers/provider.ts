/**
 * The telephony API as the operator needs it (octoDNS-style: a small interface, one
 * implementation per platform, chosen from `registry.ts`). What every account can do is
 * required; what only some can do is an optional part — a provider that lacks one simply
 * has none, and callers ask for the part instead of checking a flag and calling a stub.
 */
import type {
  FlowDocument,
  FlowVersion,
  LiveNumber,
  LiveNumberSummary,
  NumberSettingsUpdate,
  ProviderCapabilities,
  RingTarget,
} from '../model/live.js';
import type { PublishedAudio } from './published-audio.js';

export type { PublishedAudio } from './published-audio.js';

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
  /** Public name of this holding, when the provider gives one. */
  id?: string;
}

/** Who holds the apply lock, as another apply sees it. */
export interface LockHolder {
  owner: string;
  expiresAt: string;
  /** What `break` names. */
  id?: string;
  /** Where the holder runs, when it said: on the same host, a gone pid proves it dead. */
  host?: string;
  pid?: number;
}

/** Smartflow graphs: drafts on top of a base version, then an atomic publish. */
export interface FlowStore {
  /**
   * Fails with `StaleVersionError` when `baseVersion` is not the latest version. `author` is
   * recorded on the version, so a later reader can tell callflow's versions from others.
   */
  writeDraft(numberId: string, document: FlowDocument, baseVersion: number, author?: string): Promise<FlowVersion>;
  /** Atomically makes a draft version the published one. */
  publish(numberId: string, version: number): Promise<void>;
}

/** Audio stored by content on the platform (upload once, refer to it by sha256). */
export interface AssetStore {
  /** True when an asset with this content is already stored (upload only new content). */
  has(sha256: string): Promise<boolean>;
  /** Idempotent: uploading the same content twice stores it once. */
  upload(content: Uint8Array, sha256: string): Promise<AudioAsset>;
  /** The stored content of an asset (export and adopt write it into the repo). */
  read(sha256: string): Promise<Uint8Array>;
}

/**
 * An account-wide lock resource for apply. While a lock is held, the provider's writes carry
 * it, and a write the account refuses because the lock is no longer this holder's fails with
 * `LockLostError`.
 */
export interface AccountLock {
  /** Fails with `LockHeldError` naming the holder when another owner holds it. */
  acquire(owner: string, ttlSeconds: number, where?: { host: string; pid: number }): Promise<Lock>;
  /** Extends a held lock; fails with `LockHeldError` when it is another's now. */
  renew(lock: Lock, ttlSeconds: number): Promise<Lock>;
  release(lock: Lock): Promise<void>;
  /** Breaks the holding named (by id); fails with `LockHeldError` when the lock is another holding now. */
  break(holder: LockHolder): Promise<void>;
}

export interface TelephonyProvider {
  /** The registry name (`sandbox`, `aircall`, …). */
  readonly name: string;
  /** What the account can hold, as a value for plans (flows, audio by upload or URL, limitations). */
  readonly capabilities: ProviderCapabilities;
  /** API base URL (no credentials). */
  readonly url?: string;
  /**
   * Which account this is, the same from run to run and free of credentials (`aircall at
   * https://api.aircall.io`): the journal keeps what callflow wrote per account, so one checkout
   * used against two accounts does not take one's history for the other's.
   */
  readonly account: string;
  /** The account's numbers, as its list pages name them. */
  listNumbers(): Promise<LiveNumberSummary[]>;
  /** Every number of the account with all a plan compares, read from the list pages (⌈N/50⌉ requests). */
  readAccount(): Promise<LiveNumber[]>;
  /** One number, read afresh (apply re-reads what it is about to change). */
  readNumber(id: string): Promise<LiveNumber>;
  updateNumber(numberId: string, update: NumberSettingsUpdate): Promise<void>;
  listRingTargets(): Promise<RingTarget[]>;
  readonly flows?: FlowStore;
  readonly assets?: AssetStore;
  readonly lock?: AccountLock;
  /** For URL-based audio: checks that a URL serves a file's exact content before it is set. */
  readonly publishedAudio?: PublishedAudio;
  /** For URL-based audio: where the platform fetches this repo file (base + path + hash). */
  audioUrl?(path: string, sha256: string): string;
  close(): Promise<void>;
}
