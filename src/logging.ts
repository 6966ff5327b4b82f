/**
 * Structured logs (pino) on stderr, so stdout stays the user's output. Every component logs
 * through a child with a `component` field. Credentials never reach a log line: callers do not
 * log them, and `redact` censors the usual places they could hide in case one slips through.
 */
import { pino, type DestinationStream, type Logger, type LevelWithSilent } from 'pino';

export type { Logger } from 'pino';

import { LOG_LEVELS } from './log-levels.js';

export { LOG_LEVELS };

/** Paths pino censors (one wildcard level each side; pino's redact does not recurse). */
export const REDACT_PATHS = [
  'authorization',
  'Authorization',
  'password',
  'token',
  'apiToken',
  'api_token',
  'credentials',
  'headers.authorization',
  'headers.Authorization',
  '*.authorization',
  '*.Authorization',
  '*.password',
  '*.token',
  '*.apiToken',
  '*.api_token',
  '*.credentials',
  '*.headers.authorization',
  '*.headers.Authorization',
];

export interface LoggerOptions {
  /** `--log-level`; falls back to `CALLFLOW_LOG_LEVEL`, then `warn` so user output stays clean. */
  level?: string | undefined;
  env?: NodeJS.ProcessEnv;
  /** Where lines go; default stderr. Tests pass a stream to read the lines back. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const level = pickLevel(options.level ?? options.env?.['CALLFLOW_LOG_LEVEL']);
  return pino(
    { level, base: { pid: process.pid }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    options.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

/** A logger that writes nothing: the default when a caller passes none. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}

function pickLevel(value: string | undefined): LevelWithSilent {
  if (value && (LOG_LEVELS as readonly string[]).includes(value)) return value as LevelWithSilent;
  return 'warn';
}
