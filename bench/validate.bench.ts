/**
 * `callflow validate` on a generated repo of 1,000 numbers × 12 steps (target ≤ 2 s wall,
 * ≤ 300 MB peak RSS) and `callflow --help` (target ≤ 0.3 s wall). Runs the built CLI in a
 * child process, as a user would; peak RSS comes from the child's own resource usage.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const NUMBERS = 1000;
const SCHEDULES = 10;
const RUNS = 3;

export async function run(): Promise<void> {
  build();
  const root = mkdtempSync(join(tmpdir(), 'callflow-bench-'));
  try {
    const files = generateRepo(root);
    console.log(`generated ${files} YAML files (${NUMBERS} numbers × 12 steps) in ${root}`);
    const validate = measure(['validate', '--root', root, '--format', 'json'], RUNS);
    report('validate (1,000 numbers)', validate, { seconds: 2, megabytes: 300 });
    const help = measure(['--help'], 5);
    report('--help', help, { seconds: 0.3 });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** The bench times the compiled CLI; rebuild so it never measures a stale dist/. */
function build(): void {
  const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) console.log(`warning: build failed, timing the existing dist/\n${result.stdout.slice(0, 500)}`);
}

interface Sample {
  seconds: number;
  rssMegabytes: number;
  exitCode: number | null;
}

// Prints the child's peak RSS (kilobytes) on exit; works with or without /usr/bin/time.
const RSS_PROBE = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\ncallflow-bench-maxrss-kb='+process.resourceUsage().maxRSS+'\\n'))`;

function measure(args: string[], runs: number): Sample[] {
  const samples: Sample[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    const child = spawnSync(process.execPath, ['--import', RSS_PROBE, join(repoRoot, 'bin/callflow.js'), ...args], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rss = /callflow-bench-maxrss-kb=(\d+)/.exec(child.stderr)?.[1];
    samples.push({ seconds, rssMegabytes: rss ? Number(rss) / 1024 : NaN, exitCode: child.status });
  }
  return samples;
}

function report(name: string, samples: Sample[], target: { seconds: number; megabytes?: number }): void {
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const wall = median(samples.map((s) => s.seconds));
  const rss = Math.max(...samples.map((s) => s.rssMegabytes));
  const verdict = wall <= target.seconds && (target.megabytes === undefined || rss <= target.megabytes) ? 'OK' : 'OVER TARGET';
  const budget = `target ≤ ${target.seconds} s${target.megabytes ? `, ≤ ${target.megabytes} MB` : ''}`;
  console.log(
    `${name}: median ${wall.toFixed(3)} s wall over ${samples.length} runs (min ${Math.min(...samples.map((s) => s.seconds)).toFixed(3)} s), ` +
      `peak RSS ${rss.toFixed(0)} MB, exit ${samples.map((s) => s.exitCode).join('/')}  [${budget}: ${verdict}]`,
  );
}

/** A realistic repo: every step type, shared schedules and messages, a few mp3 files. */
export function generateRepo(root: string): number {
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (const file of ['audio/fr/welcome.mp3', 'audio/fr/closed.mp3', 'audio/music/hold.mp3']) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    copyFileSync(join(repoRoot, file), join(root, file));
  }
  write('config/callflow.yaml', 'provider:\n  type: sandbox\n');
  for (let s = 0; s < SCHEDULES; s += 1) write(`config/schedules/hours-${s}.yaml`, schedule());
  write('config/messages/closed-fr.yaml', 'message: { file: audio/fr/closed.mp3 }\n');
  write('config/messages/closed-en.yaml', 'message: { tts: "Our offices are closed. Please leave a message.", language: en-US }\n');
  for (let n = 0; n < NUMBERS; n += 1) write(`config/numbers/number-${String(n).padStart(4, '0')}.yaml`, numberFile(n));
  return NUMBERS + SCHEDULES + 3;
}

function schedule(): string {
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => `  ${d}: ["09:00-12:30", "14:00-18:00"]`);
  return ['timezone: Europe/Paris', 'weekly:', ...days, 'holidays:', '  - { date: "2026-12-25", name: Noël }', ''].join('\n');
}

function numberFile(n: number): string {
  return `# yaml-language-server: $schema=../../schema/number.schema.json
number: "+3317${String(6000000 + n).padStart(7, '0')}"
name: Line ${n}
timezone: Europe/Paris
language: fr-FR
flow:
  start: welcome
  steps:
    welcome:
      type: message
      message: { file: audio/fr/welcome.mp3 }
      next: hours
    hours:
      type: time_rule
      schedule: hours-${n % SCHEDULES}
      open: account
      closed: closed
    account:
      type: input_ivr
      prompt: { tts: "Saisissez votre numéro client puis dièse." }
      end: { key: "#" }
      next: menu
      no_input: menu
      invalid_input: menu
    menu:
      type: ivr
      prompt: { tts: "Pour les ventes, tapez 1. Pour le support, tapez 2. Pour la facturation, tapez 3.", voice: female }
      options: { "1": sales, "2": support, "3": billing }
      timeout_seconds: 3
      retries: { count: 2, message: { tts: "Choix non reconnu." } }
      no_input: support
      invalid_input: support
    sales:
      type: ring
      to: { team: Ventes ${n} }
      waiting: { title: Jazz, music: { library: jazz } }
      unanswered: sales-voicemail
    support:
      type: ring
      to: { teams: [Support N1, Support N2] }
      ring_seconds: 45
      waiting: { music: { file: audio/music/hold.mp3 } }
      unanswered: callback
    billing:
      type: ring
      to: { user: Agent ${n} }
      unanswered: support-voicemail
    callback:
      type: callback_request
      confirmation: { tts: "Nous vous rappelons au plus vite." }
      next: goodbye
    sales-voicemail:
      type: voicemail
      message: { tts: "Nos conseillers sont occupés. Laissez-nous un message." }
      max_seconds: 120
    support-voicemail:
      type: voicemail
      message: { ref: closed-en }
    closed:
      type: voicemail
      message: { ref: closed-fr }
    goodbye:
      type: hangup
      message: { tts: "Au revoir." }
tests:
  - name: closed on Sunday
    at: 2026-11-29T11:00:00
    expect: [welcome, hours, closed]
`;
}
