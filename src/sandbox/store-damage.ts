import type { StoreCorruptError } from './store.js';

/** What a person can do about a damaged store, said once for the server, the CLI and the in-process sandbox. */
export function damagedStoreAdvice(error: StoreCorruptError): string {
  return `${error.message}; move it aside or delete it to start over with an empty sandbox`;
}
