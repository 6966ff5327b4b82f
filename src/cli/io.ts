import { interruptOnce } from './signals.js';

/** Where a command writes and what it sees: passed in so tests run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Colour and other niceties only on a terminal. */
  isTTY: boolean;
  /**
   * Calls `handler` on the first Ctrl-C or SIGTERM while subscribed, so a command can stop
   * cleanly; returns the unsubscribe. Absent where there are no process signals (tests in-process).
   */
  onInterrupt?: (handler: (signal: NodeJS.Signals) => void) => () => void;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
    onInterrupt: interruptOnce,
  };
}

/** Exit codes are part of the interface (SPEC §4). */
export const EXIT = { ok: 0, error: 1, changes: 2 } as const;
