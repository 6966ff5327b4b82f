import { parseArgs, type ParseArgsConfig } from 'node:util';
import { resolve } from 'node:path';
import type { CliIo } from './io.js';
import { didYouMean } from '../config/did-you-mean.js';
import { LOG_LEVELS } from '../log-levels.js';

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

/** A command that cannot go on for a reason the user can act on: printed as one line, exit 1. */
export class CommandError extends Error {}


export function parseCommandArgs<O extends Options>(argv: string[], options: O, allowPositionals = false) {
  const all = { ...GLOBAL_OPTIONS, ...options };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: all, allowPositionals, strict: true });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '(--?[^']+)'/.exec(message)?.[1];
    const suggestion = unknown ? didYouMean(unknown.replace(/^-+/, ''), Object.keys(all)) : undefined;
    throw new UsageError(suggestion ? `${message.split('. ')[0]}; did you mean --${suggestion}?` : message);
  }
  const level = (parsed.values as { 'log-level'?: unknown })['log-level'];
  if (typeof level === 'string' && !(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')} (got "${level}")`);
  }
  return parsed;
}

export function resolveLocations(values: { root?: string | undefined; config?: string | undefined }, io: CliIo) {
  return { root: resolve(io.cwd, values.root ?? '.'), configDir: values.config ?? 'config' };
}

export function pickFormat<F extends string>(value: string | undefined, allowed: readonly F[], fallback: F): F {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as F;
  throw new UsageError(`--format must be one of ${allowed.join(', ')} (got "${value}")`);
}
