/**
 * The in-process sandbox stands for the team's own account: a number added to config later is
 * provisioned as if bought (with the platform's default flow). Users and teams are created only
 * when the store is first provisioned (see seed.ts), as an account's admins would have: a ring
 * step naming a team the account lacks must stay a plan error, not become a new team.
 * Only what is missing is added; nothing is changed.
 */
import type { Seed } from './seed.js';
import { boughtNumber } from './bought-number.js';
import type { SandboxStore } from './store.js';

export async function provisionNewNumbers(store: SandboxStore, seed: Pick<Seed, 'numbers'>, now = new Date()): Promise<string[]> {
  const lacking = (digits: ReadonlySet<string>) => seed.numbers.filter((n) => !digits.has(n.digits));
  if (lacking(new Set((await store.read()).numbers.map((n) => n.digits))).length === 0) return [];
  return store.mutate((account) => {
    // Checked again under the lock: another process may have provisioned in between.
    const at = now.toISOString();
    const missing = lacking(new Set(account.before.numbers.map((n) => n.digits)));
    for (const n of missing) account.addNumber(boughtNumber(n, at));
    return missing.map((n) => n.digits);
  });
}
