/**
 * Live state: what the telephony account holds, as values. Providers produce these; plans,
 * drift and export consume them without knowing any transport.
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
  /** How a number in config but not in the account gets into it, when the provider can say better than "buy it". */
  provisionHint?: string;
}
