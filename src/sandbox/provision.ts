/**
 * The in-process sandbox stands for the team's own account: a number added to config later is
 * provisioned as if bought (with the platform's default flow), and the users and teams its ring
 * steps name as if the admins had created them. Only what is missing is added; nothing is changed.
 */
import { countryOf } from './country.js';
import type { Seed } from './seed.js';
import { MESSAGE_SLOTS, takeId, type StoreState } from './state.js';
import type { SandboxStore } from './store.js';

export interface Provisioned {
  numbers: string[];
  users: number;
  teams: number;
}

export async function provisionMissing(store: SandboxStore, seed: Seed, now = new Date()): Promise<Provisioned> {
  const current = await store.read();
  if (!lacksAny(current, seed)) return { numbers: [], users: 0, teams: 0 };
  return store.mutate((state) => {
    const at = now.toISOString();
    const added: Provisioned = { numbers: [], users: 0, teams: 0 };
    const numbers = new Set(state.numbers.map((n) => n.digits));
    for (const n of seed.numbers) {
      if (numbers.has(n.digits)) continue;
      state.numbers.push({
        id: takeId(state),
        digits: n.digits,
        name: n.name,
        country: n.country ?? countryOf(n.digits),
        time_zone: n.timezone,
        ...(n.language ? { language: n.language } : {}),
        created_at: at,
        messages: Object.fromEntries(MESSAGE_SLOTS.map((slot) => [slot, null])) as StoreState['numbers'][number]['messages'],
        flow: { versions: [], published: null },
      });
      added.numbers.push(n.digits);
    }
    const users = new Set(state.users.map((u) => u.name));
    for (const u of seed.users.filter((u) => !users.has(u.name))) {
      state.users.push({ id: takeId(state), name: u.name, email: u.email ?? `${u.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@sandbox.invalid`, created_at: at });
      added.users += 1;
    }
    const teams = new Set(state.teams.map((t) => t.name));
    for (const t of seed.teams.filter((t) => !teams.has(t.name))) {
      state.teams.push({ id: takeId(state), name: t.name, created_at: at, user_ids: [] });
      added.teams += 1;
    }
    return added;
  });
}

function lacksAny(state: StoreState, seed: Seed): boolean {
  const has = <T>(list: T[], key: (item: T) => string) => new Set(list.map(key));
  const numbers = has(state.numbers, (n) => n.digits);
  const users = has(state.users, (u) => u.name);
  const teams = has(state.teams, (t) => t.name);
  return seed.numbers.some((n) => !numbers.has(n.digits)) || seed.users.some((u) => !users.has(u.name)) || seed.teams.some((t) => !teams.has(t.name));
}
