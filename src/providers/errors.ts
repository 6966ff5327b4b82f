import type { LockHolder } from './provider.js';

/** Typed provider failures: callers branch on the class, users read the message. */
export class ProviderError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The live flow moved since the version a draft was based on (HTTP 412). */
export class StaleVersionError extends ProviderError {}

/** Another apply holds the account lock. */
export class LockHeldError extends ProviderError {
  constructor(
    readonly holder: string,
    readonly expiresAt: string,
    /** The holding in full (id, host, pid), when the provider says. */
    readonly held?: LockHolder,
  ) {
    super(`another apply holds the lock: ${holder} (until ${expiresAt})`, 409);
  }
}

/** A write was refused because the apply lock it carried is no longer held by this apply. */
export class LockLostError extends ProviderError {}

export class AuthError extends ProviderError {}
export class NotFoundError extends ProviderError {}
export class RateLimitError extends ProviderError {}
