/** Runs the CLI (from src/, through tsx) in a real child process, killed if it outlives `timeoutMs`. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
/** tsx by absolute URL: the child's working directory is the repo under test, which has no node_modules. */
const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;

const script = (argv: readonly string[]) => `import { main } from ${JSON.stringify(MAIN)}; process.exitCode = await main(${JSON.stringify(argv)});`;

export interface ProcessRun {
  /** null when the process had to be killed (it hung). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCliProcess(argv: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; nodeArgs?: string[] }): ProcessRun {
  const run = spawnSync(process.execPath, [...(options.nodeArgs ?? []), '--import', TSX, '--input-type=module', '-e', script(argv)], {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'], CALLFLOW_LOG_LEVEL: 'silent', ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The same, started and left running: for tests that signal or kill it. */
export function startCliProcess(argv: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): ChildProcess {
  return spawn(process.execPath, ['--import', TSX, '--input-type=module', '-e', script(argv)], {
    cwd: options.cwd,
    env: { PATH: process.env['PATH'], CALLFLOW_LOG_LEVEL: 'silent', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
