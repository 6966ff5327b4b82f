import { spawn } from 'node:child_process';

export interface RunToolOptions {
  /** Killed (SIGKILL) after this long: a crafted or special file must never hang validate. */
  timeoutMs: number;
  /** Killed when stdout grows past this: a probe's answer is small, a flood means trouble. */
  maxOutputBytes: number;
}

export interface RunToolResult {
  /** Exit code, or null when killed. */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  outputTooLarge: boolean;
  /** Set when the binary could not be started at all. */
  spawnError?: string;
}

const STDERR_KEEP = 8 * 1024;

/** Run a binary with no shell, no stdin, a deadline and an output cap. Never rejects. */
export function runTool(binary: string, args: readonly string[], options: RunToolOptions): Promise<RunToolResult> {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    let timedOut = false;
    let outputTooLarge = false;
    let spawnError: string | undefined;

    let settled = false;
    const finish = (code: number | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
        timedOut,
        outputTooLarge,
        ...(spawnError ? { spawnError } : {}),
      });
    };

    // Answer at once on timeout: a grandchild still holding the pipes must not keep us waiting.
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
      child.stdout.destroy();
      child.stderr.destroy();
      finish(null);
    }, options.timeoutMs);

    child.stdout.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > options.maxOutputBytes) {
        outputTooLarge = true;
        child.kill('SIGKILL');
        return;
      }
      out.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < STDERR_KEEP) stderr += chunk.toString('utf8').slice(0, STDERR_KEEP - stderr.length);
    });
    child.on('error', (error) => {
      spawnError = error.message;
    });
    child.on('close', (code) => finish(code));
  });
}
