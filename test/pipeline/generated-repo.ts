/**
 * Generated repos for request counting: N numbers, each with its own small flow. Without ring
 * steps each flow only hangs up; with them, number i rings user `Agent i mod users` and team
 * `Team i mod teams`, so seeding the account from the repo creates that many users and teams.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../sandbox/helpers.js';

export interface RingNames {
  users: number;
  teams: number;
}

export async function generatedRepo(count: number, ring?: RingNames): Promise<string> {
  const root = await tempDir('callflow-plan-requests-');
  mkdirSync(join(root, 'config', 'numbers'), { recursive: true });
  for (let i = 0; i < count; i += 1) {
    writeFileSync(join(root, 'config', 'numbers', `n${i}.yaml`), numberFile(i, ring));
  }
  return root;
}

function numberFile(i: number, ring: RingNames | undefined): string {
  const head = `number: "+3319${String(i).padStart(7, '0')}"\nname: Line ${i}\ntimezone: Europe/Paris\nlanguage: fr-FR\nflow:\n`;
  const bye = `    bye: { type: hangup, message: { tts: "Au revoir ${i}." } }\n`;
  if (!ring) return `${head}  start: bye\n  steps:\n${bye}`;
  const steps = [
    `    agent: { type: ring, to: { user: Agent ${i % ring.users} }, waiting: { music: { library: jazz } }, unanswered: team }\n`,
    `    team: { type: ring, to: { team: Team ${i % ring.teams} }, waiting: { music: { library: jazz } }, unanswered: bye }\n`,
    bye,
  ];
  return `${head}  start: agent\n  steps:\n${steps.join('')}`;
}
