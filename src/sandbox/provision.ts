/**
 * The in-process sandbox stands for the team's own account: a number added to config later is
 * provisioned as if bought (with the platform's default flow), and the users and teams its ring
 * steps name as if the admins had created them. Only what is missing is added; nothing is changed.
 */
import type { Seed } from './seed.js';
import type { AccountView } from './account.js';
import { boughtNumber } from './bought-number.js';
import type { SandboxStore } from './store.js';

export interface Provisioned {
  numbers: string[];
  users: number;
  teams: number;
}

export async function provisionMissing(store: SandboxStore, seed: Seed, now = new Date()): Promise<Provisioned> {
  if (!lacksAny(await store.read(), seed)) return { numbers: [], users: 0, teams: 0 };
  return store.mutate((account) => {
    // Checked again under the lock: another process may have provisioned in between.
    const before = account.before;
    const at = now.toISOString();
    const added: Provisioned = { numbers: [], users: 0, teams: 0 };
    const numbers = new Set(before.numbers.map((n) => n.digits));
    for (const n of seed.numbers) {
      if (numbers.has(n.digits)) continue;
      account.addNumber(boughtNumber(n, at));
      numbers.add(n.digits);
      added.numbers.push(n.digits);
    }
    const users = new Set(before.users.map((u) => u.name));
    for (const u of seed.users.filter((u) => !users.has(u.name))) {
      account.addUser({ name: u.name, email: u.email ?? `${u.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@sandbox.invalid`, created_at: at });
      added.users += 1;
    }
    const teams = new Set(before.teams.map((t) => t.name));
    for (const t of seed.teams.filter((t) => !teams.has(t.name))) {
      account.addTeam({ name: t.name, created_at: at, user_ids: [] });
      added.teams += 1;
    }
    return added;
  });
}

function lacksAny(account: AccountView, seed: Seed): boolean {
  const has = <T>(list: readonly T[], key: (item: T) => string) => new Set(list.map(key));
  const numbers = has(account.numbers, (n) => n.digits);
  const users = has(account.users, (u) => u.name);
  const teams = has(account.teams, (t) => t.name);
  return seed.numbers.some((n) => !numbers.has(n.digits)) || seed.users.some((u) => !users.has(u.name)) || seed.teams.some((t) => !teams.has(t.name));
}
