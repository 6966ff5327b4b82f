/** `callflow serve` as a real process: its URL, its log lines, /healthz polling, SIGTERM timing. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./child-serve.ts', import.meta.url));
const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  stdout: () => string;
  /** pino JSON lines written so far. */
  logs: () => Array<Record<string, unknown>>;
  healthz: () => Promise<{ status: number; body: Health }>;
  /** Polls /healthz until `done` holds (every 100 ms). */
  waitFor: (done: (health: Health) => boolean, what: string, timeoutMs?: number) => Promise<Health>;
  /** SIGTERM, then the exit code and how long it took. */
  terminate: () => Promise<{ code: number | null; ms: number }>;
}

export interface Health {
  status: string;
  checking: boolean;
  checks: number;
  skipped: number;
  nextCheck: string | null;
  lastCheck: null | { result: string; drifted: number; startedAt: string; finishedAt: string; durationMs: number; remediation?: { applied: number; failed: number } };
}

export async function startServe(root: string, env: Record<string, string>, args: string[] = []): Promise<ServeProcess> {
  // Run from the project (where tsx resolves); the repo is given by --root.
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, '--root', root, '--port', '0', ...args], { cwd: PROJECT, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out} ${err}`)), 20_000);
    const look = () => {
      const found = /listening on (http:\/\/\S+)/.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', look);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${out} ${err}`)));
  });
  const healthz = async () => {
    const res = await fetch(`${url}/healthz`);
    return { status: res.status, body: (await res.json()) as Health };
  };
  return {
    child,
    url,
    stdout: () => out,
    logs: () => err.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>),
    healthz,
    async waitFor(done, what, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const { body } = await healthz();
        if (done(body)) return body;
        if (Date.now() > until) throw new Error(`timed out waiting for ${what}; last /healthz: ${JSON.stringify(body)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    terminate() {
      const started = Date.now();
      return new Promise((resolve) => {
        child.once('exit', (code) => resolve({ code, ms: Date.now() - started }));
        child.kill('SIGTERM');
      });
    },
  };
}
