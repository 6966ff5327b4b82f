/**
 * Runs node in a child process, as a user would, and reports its wall time, CPU time (user +
 * system, every thread: what the machine spent) and peak RSS, read from the child's own
 * resource usage as it exits. Async, so a sandbox served by the bench process keeps answering.
 */
import { spawn } from 'node:child_process';

export interface ChildRun {
  code: number | null;
  wallSeconds: number;
  cpuSeconds: number;
  peakMegabytes: number;
  stdout: string;
  stderr: string;
}

const MARK = 'callflow-bench-usage=';
const PROBE = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\n${MARK}'+JSON.stringify({cpu:u.userCPUTime+u.systemCPUTime,rss:u.maxRSS})+'\\n')})`;

export function runNode(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<ChildRun> {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', PROBE, ...args], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      const usage = stderr.split('\n').find((line) => line.startsWith(MARK));
      const { cpu, rss } = usage ? (JSON.parse(usage.slice(MARK.length)) as { cpu: number; rss: number }) : { cpu: NaN, rss: NaN };
      resolve({ code, wallSeconds, cpuSeconds: cpu / 1e6, peakMegabytes: rss / 1024, stdout, stderr: stderr.split('\n').filter((l) => !l.startsWith(MARK)).join('\n').trim() });
    });
  });
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
