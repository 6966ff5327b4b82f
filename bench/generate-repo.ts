/**
 * Generated repos for the bench: N realistic numbers (every step type, shared schedules and
 * messages, three mp3 files, a flow test each), or one number whose flow has N steps.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEDULES = 10;
const AUDIO = ['audio/fr/welcome.mp3', 'audio/fr/closed.mp3', 'audio/music/hold.mp3'];

/** Writes the repo under `root`; returns how many YAML files it holds. */
export function generateRepo(root: string, numbers: number): number {
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  for (const file of AUDIO) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    copyFileSync(join(PROJECT_ROOT, file), join(root, file));
  }
  write('config/callflow.yaml', 'provider:\n  type: sandbox\n');
  for (let s = 0; s < SCHEDULES; s += 1) write(`config/schedules/hours-${s}.yaml`, schedule());
  write('config/messages/closed-fr.yaml', 'message: { file: audio/fr/closed.mp3 }\n');
  write('config/messages/closed-en.yaml', 'message: { tts: "Our offices are closed. Please leave a message.", language: en-US }\n');
  for (let n = 0; n < numbers; n += 1) write(`config/numbers/number-${String(n).padStart(5, '0')}.yaml`, numberFile(n));
  return numbers + SCHEDULES + 3;
}

/** One number whose flow is a chain of `steps` message steps, then a hang-up. */
export function generateLongFlow(root: string, steps: number): void {
  const lines = [`number: "+33176360000"`, 'name: Long flow', 'timezone: Europe/Paris', 'language: fr-FR', 'flow:', '  start: s0', '  steps:'];
  for (let i = 0; i < steps; i += 1) lines.push(`    s${i}: { type: message, message: { tts: "Étape ${i}" }, next: ${i + 1 < steps ? `s${i + 1}` : 'end'} }`);
  lines.push('    end: { type: hangup }', '');
  mkdirSync(join(root, 'config', 'numbers'), { recursive: true });
  writeFileSync(join(root, 'config', 'numbers', 'long.yaml'), lines.join('\n'));
}

function schedule(): string {
  const days = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((d) => `  ${d}: ["09:00-12:30", "14:00-18:00"]`);
  return ['timezone: Europe/Paris', 'weekly:', ...days, 'holidays:', '  - { date: "2026-12-25", name: Noël }', ''].join('\n');
}

function numberFile(n: number): string {
  return `# yaml-language-server: $schema=../../schema/number.schema.json
number: "+331${String(76000000 + n).padStart(8, '0')}"
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
      to: { team: Ventes ${n % 50} }
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
      to: { user: Agent ${n % 100} }
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
