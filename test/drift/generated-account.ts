/**
 * A generated account of many numbers with varied flows (messages, IVRs, input IVRs, time rules,
 * ring teams with library or recorded music, voicemail, forward, callback, shared messages and
 * schedules), written as a callflow repo that validates with no problems.
 */
import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXAMPLE_ROOT } from '../apply/harness.js';

export async function generatedRepo(count: number): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'callflow-generated-'));
  await cp(join(EXAMPLE_ROOT, 'audio'), join(root, 'audio'), { recursive: true });
  for (const dir of ['numbers', 'schedules', 'messages']) await mkdir(join(root, 'config', dir), { recursive: true });
  await writeFile(join(root, 'config/callflow.yaml'), 'provider:\n  type: sandbox\nsafety:\n  maxChangedPercent: 100\n  minNumbers: 0\n');
  await writeFile(join(root, 'config/schedules/office.yaml'), 'name: Office\ntimezone: Europe/Paris\nweekly:\n  monday: ["09:00-18:00"]\n  tuesday: ["09:00-18:00"]\n  friday: ["09:00-12:00", "14:00-17:00"]\nholidays: [{ date: "2026-12-25", name: Noël }]\n');
  await writeFile(join(root, 'config/schedules/late.yaml'), 'weekly:\n  saturday: ["20:00-23:00"]\nspecial_days: [{ date: "2026-12-31", hours: [] }]\n');
  await writeFile(join(root, 'config/messages/closed-gen.yaml'), 'message: { tts: "We are closed. Please leave a message after the tone." }\n');
  for (let i = 0; i < count; i += 1) {
    const digits = `+3319${String(1000000 + i).slice(1)}`;
    await writeFile(join(root, `config/numbers/line-${String(i).padStart(3, '0')}.yaml`), numberYaml(i, digits));
  }
  return root;
}

function numberYaml(i: number, digits: string): string {
  const head = `number: "${digits}"\nname: Line ${i} ${['Paris', 'Lyon', 'Lille', 'Nantes'][i % 4]}\ntimezone: ${i % 3 ? 'Europe/Paris' : 'Europe/London'}\nlanguage: ${i % 2 ? 'fr-FR' : 'en-GB'}\nflow:\n`;
  switch (i % 4) {
    case 0:
      return `${head}  start: welcome
  steps:
    welcome: { type: message, message: { tts: "Welcome to line ${i}." }, next: menu }
    menu:
      type: ivr
      prompt: { tts: "For sales press 1, for support press 2.", language: en-US, voice: male }
      options: { "1": sales, "2": vm }
      timeout_seconds: ${3 + (i % 5)}
      retries: { count: ${i % 3}, message: { tts: "Sorry?" } }
      no_input: vm
      invalid_input: vm
    sales:
      type: ring
      to: { team: Sales ${i % 7} }
      ring_seconds: ${20 + (i % 10)}
      waiting: { title: Music, music: { library: jazz } }
      unanswered: vm
    vm: { type: voicemail, message: { file: audio/fr/closed.mp3 }, max_seconds: 60 }
`;
    case 1:
      return `${head}  start: hours
  steps:
    hours: { type: time_rule, schedule: office, open: ring, closed: vm${i % 8 === 1 ? ', holiday: closed' : ''} }
    ring:
      type: ring
      to: { teams: [Support, Sales ${i % 7}] }
      waiting: { music: { file: audio/music/hold.mp3 } }
      unanswered: vm
    vm: { type: voicemail, message: { ref: closed-gen } }
${i % 8 === 1 ? `    closed: { type: hangup, message: { tts: "Happy holidays from line ${i}." } }\n` : ''}`;
    case 2:
      return `${head}  start: welcome
  steps:
    welcome: { type: message, label: Hello, message: { file: audio/en/welcome.mp3 }, next: account }
    account:
      type: input_ivr
      prompt: { tts: "Enter your account number, then the hash key." }
      end: { key: "#" }
      next: agent
      no_input: bye
      invalid_input: bye
    agent: { type: forward, to: "+4420718${String(10000 + i).slice(1)}", message: { tts: "Transferring you now." } }
    bye: { type: hangup, message: { tts: "Goodbye." } }
`;
    default:
      return `${head}  start: late
  steps:
    late: { type: time_rule, schedule: late, open: callback, closed: vm }
    callback: { type: callback_request, confirmation: { tts: "We will call you back." }, next: done }
    done: { type: hangup }
    vm: { type: voicemail, message: { file: audio/fr/voicemail-support.mp3 } }
`;
  }
}
