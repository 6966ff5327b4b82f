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
    stdout: lineWriter(process.stdout),
    stderr: lineWriter(process.stderr),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
    onInterrupt: interruptOnce,
  };
}

/**
 * Writes whole lines to a standard stream until its reader goes away (`callflow validate | head -1`):
 * a closed pipe (EPIPE) is the reader's choice, not a failure of the command, so the rest of the
 * output is dropped without a word and the command ends with the exit code it would have had.
 */
function lineWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let readerGone = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
  });
  return (text) => {
    if (!readerGone) stream.write(text.endsWith('\n') ? text : `${text}\n`);
  };
}

/** Exit codes are part of the interface (SPEC §4). */
export const EXIT = { ok: 0, error: 1, changes: 2 } as const;
