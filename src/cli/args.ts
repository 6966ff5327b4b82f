import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import type { CliIo } from './io.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command takes (SPEC §4). */
export const GLOBAL_OPTIONS = {
  root: { type: 'string' },
  config: { type: 'string' },
  format: { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export class UsageError extends Error {}

export function parseCommandArgs<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  try {
    const parsed = parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, ...options }, allowPositionals, strict: true });
    return parsed;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function resolveLocations(values: { root?: string | undefined; config?: string | undefined }, io: CliIo) {
  return { root: resolve(io.cwd, values.root ?? '.'), configDir: values.config ?? 'config' };
}

export function pickFormat<F extends string>(value: string | undefined, allowed: readonly F[], fallback: F): F {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as F;
  throw new UsageError(`--format must be one of ${allowed.join(', ')} (got "${value}")`);
}
