/**
 * Provisioning an empty sandbox account, as if numbers had been bought and admins had created
 * users and teams: from a seed file (`--seed FILE`, YAML or JSON) or from a repo's config
 * (`--seed-config ROOT`: its numbers, and every user and team its ring steps name). Numbers
 * start with the platform's default flow (nothing published). Seeding happens once per store.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { z } from 'zod';
import { loadRepo } from '../config/load.js';
import { boughtNumber } from './bought-number.js';
import type { Repo } from '../model/repo.js';
import type { AccountView } from './account.js';
import type { SandboxStore } from './store.js';

export const seedFile = z.strictObject({
  numbers: z.array(z.strictObject({
    digits: z.string().regex(/^\+[1-9]\d{6,14}$/, { error: 'digits are E.164, e.g. +33176360000' }),
    name: z.string().min(1),
    country: z.string().length(2).optional(),
    timezone: z.string().min(1),
    language: z.string().optional(),
  })).default([]),
  users: z.array(z.strictObject({ name: z.string().min(1), email: z.string().optional() })).default([]),
  teams: z.array(z.strictObject({ name: z.string().min(1), users: z.array(z.string()).default([]) })).default([]),
});

export type Seed = z.infer<typeof seedFile>;

export interface SeedResult {
  seeded: boolean;
  numbers: number;
  users: number;
  teams: number;
}

export type ReadSeed = { ok: true; seed: Seed } | { ok: false; error: string };

/** A seed file (YAML or JSON); what is wrong with it comes back as one sentence. */
export async function readSeedFile(path: string): Promise<ReadSeed> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return { ok: false, error: code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : message };
  }
  return parseSeed(text);
}

/** A seed file's text (YAML or JSON); what is wrong with it comes back as one sentence. */
export function parseSeed(text: string): ReadSeed {
  let data: unknown;
  try {
    data = parse(text) ?? {};
  } catch (error) {
    return { ok: false, error: `not YAML or JSON: ${(error as Error).message.split('\n')[0]!.replace(/:\s*$/, '')}` };
  }
  const parsed = seedFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${issue.path.join('.') || '(top)'}: ${issue.message}` };
  }
  return { ok: true, seed: parsed.data };
}

/** What a repo's config needs to exist in the account, read from ROOT (for `sandbox --seed-config`). */
export async function seedFromConfig(root: string, configDir = 'config'): Promise<Seed> {
  const { repo } = await loadRepo({ root, configDir });
  return seedFromRepo(repo);
}

/** What a loaded config needs to exist in the account: its numbers, and the users and teams its ring steps name. */
export function seedFromRepo(repo: Pick<Repo, 'numbers'>): Seed {
  const users = new Set<string>();
  const teams = new Set<string>();
  for (const entry of repo.numbers) {
    for (const step of Object.values(entry.config.flow.steps)) {
      if (step.type !== 'ring') continue;
      const to = step.to;
      if ('user' in to) users.add(to.user);
      if ('users' in to) to.users.forEach((u) => users.add(u));
      if ('team' in to) teams.add(to.team);
      if ('teams' in to) to.teams.forEach((t) => teams.add(t));
    }
  }
  return {
    numbers: repo.numbers.map(({ config }) => ({ digits: config.number, name: config.name, timezone: config.timezone, language: config.language })),
    users: [...users].sort().map((name) => ({ name })),
    teams: [...teams].sort().map((name) => ({ name, users: [] })),
  };
}

/** Applies a seed to a store that was never seeded and holds nothing; otherwise leaves it alone. */
export async function seedStore(store: SandboxStore, seed: Seed, now = new Date()): Promise<SeedResult> {
  const current = await store.read();
  if (!isPristine(current)) return { seeded: false, numbers: 0, users: 0, teams: 0 };
  return store.mutate((account) => {
    // Checked again under the lock: another process may have seeded in between.
    if (!isPristine(account.before)) return { seeded: false, numbers: 0, users: 0, teams: 0 };
    const at = now.toISOString();
    for (const n of seed.numbers) {
      account.addNumber(boughtNumber(n, at));
    }
    const userIds = new Map<string, number>();
    for (const u of seed.users) {
      const user = account.addUser({ name: u.name, email: u.email ?? `${u.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@sandbox.invalid`, created_at: at });
      userIds.set(u.name, user.id);
    }
    for (const t of seed.teams) {
      account.addTeam({ name: t.name, created_at: at, user_ids: t.users.flatMap((name) => userIds.get(name) ?? []) });
    }
    account.seeded_at = at;
    return { seeded: true, numbers: seed.numbers.length, users: seed.users.length, teams: seed.teams.length };
  });
}

export function isPristine(account: AccountView): boolean {
  return account.seeded_at === null && account.numbers.length === 0 && account.users.length === 0 && account.teams.length === 0;
}
