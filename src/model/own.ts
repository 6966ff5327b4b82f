/**
 * Names from the user's files (step names, option keys) are data, never object members: a step
 * called `toString` or a branch to `constructor` must not find `Object.prototype`'s function.
 */

/** The record's own entry called `key`, or undefined. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** True when the record has its own entry called `key` (what `key in record` cannot say). */
export function hasOwn(record: Readonly<Record<string, unknown>>, key: string): boolean {
  return Object.hasOwn(record, key);
}
