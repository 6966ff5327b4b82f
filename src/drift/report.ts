/**
 * The drift report (pure): the config at the checkout against what the account has live, per
 * number — what differs, compared by content the way plans compare (audio by sha256, TTS as
 * spoken, maps in any order) — and who/when where the provider or the journal knows. It is
 * read off the plan, so drift and plan can never disagree about what differs.
 */
import type { LastWrite } from '../model/last-write.js';
import type { LiveNumber } from '../model/live.js';
import { provenanceOf, type NumberPlan, type Plan } from '../plan/index.js';
import { differencesOf, type Difference } from './differences.js';

export const DRIFT_FORMAT_VERSION = 1;

/** Why live differs, as far as anyone can tell. */
export type DriftCause =
  /** Someone changed live outside callflow; `by`/`at`/`version` when the provider says. */
  | { kind: 'outside-edit'; version?: number; by?: string; at?: string; lastWrite?: { at: string; who: string } }
  /** Live is what callflow wrote (journal or version author): Git has changed since it was applied. */
  | { kind: 'not-applied'; source: 'journal' | 'author'; version?: number; by?: string; at?: string }
  /** Live still has the platform's default flow: nothing was ever applied. */
  | { kind: 'never-applied' }
  /** In config, not in the account: nobody changed it, it was never bought (or this is another account); `hint` says how to get it. */
  | { kind: 'not-in-account'; hint?: string }
  | { kind: 'unknown' };

export interface NumberDrift {
  number: string;
  name: string;
  /** Config file of the number. */
  file: string | null;
  status: 'drifted' | 'not-in-account';
  differences: Difference[];
  cause: DriftCause;
}

export interface DriftReport {
  format: 'callflow-drift';
  formatVersion: typeof DRIFT_FORMAT_VERSION;
  checkedAt: string;
  /** Exit class: in sync (0) or not (2). */
  inSync: boolean;
  provider: { name: string; flows: boolean; limitations: string[] };
  summary: { compared: number; inSync: number; drifted: number; notInAccount: number; outsideEdits: number; unmanaged: number };
  /** Numbers that differ, by number. */
  numbers: NumberDrift[];
  /** Numbers in config that match live. */
  matching: string[];
  /** In the account, in no config file: listed, never compared. */
  unmanaged: Array<{ number: string; name: string }>;
}

export interface DriftInput {
  plan: Plan;
  live: readonly LiveNumber[];
  lastWrites: ReadonlyMap<string, LastWrite>;
  provider: string;
  checkedAt: string;
}

export function buildDriftReport(input: DriftInput): DriftReport {
  const live = new Map(input.live.map((n) => [n.number, n]));
  const numbers: NumberDrift[] = [];
  for (const number of input.plan.numbers) {
    if (number.action === 'update' || number.action === 'create-flow') {
      numbers.push({ ...identity(number), status: 'drifted', differences: differencesOf(number), cause: causeOf(number, live.get(number.number), input.lastWrites) });
    } else if (number.action === 'missing-live') {
      numbers.push({ ...identity(number), status: 'not-in-account', differences: [{ kind: 'number', where: 'number', live: 'not in the account', git: 'in config' }], cause: notInAccount(number, input.plan) });
    }
  }
  const matching = input.plan.numbers.filter((n) => n.action === 'none').map((n) => n.number);
  const unmanaged = input.plan.numbers.filter((n) => n.action === 'unmanaged').map((n) => ({ number: n.number, name: n.name }));
  return {
    format: 'callflow-drift',
    formatVersion: DRIFT_FORMAT_VERSION,
    checkedAt: input.checkedAt,
    inSync: numbers.length === 0,
    provider: { name: input.provider, flows: input.plan.provider.flows, limitations: [...input.plan.provider.limitations] },
    summary: {
      compared: matching.length + numbers.length,
      inSync: matching.length,
      drifted: numbers.filter((n) => n.status === 'drifted').length,
      notInAccount: numbers.filter((n) => n.status === 'not-in-account').length,
      outsideEdits: numbers.filter((n) => n.cause.kind === 'outside-edit').length,
      unmanaged: unmanaged.length,
    },
    numbers,
    matching,
    unmanaged,
  };
}

function identity(number: NumberPlan) {
  return { number: number.number, name: number.name, file: number.file };
}

/** The plan's error for the number carries what to do, in the provider's words where it has better ones than "buy it". */
function notInAccount(number: NumberPlan, plan: Plan): DriftCause {
  const hint = plan.problems.find((p) => p.rule === 'plan/number-not-live' && p.file === number.file)?.hint;
  return { kind: 'not-in-account', ...(hint ? { hint } : {}) };
}

function causeOf(number: NumberPlan, live: LiveNumber | undefined, lastWrites: ReadonlyMap<string, LastWrite>): DriftCause {
  if (number.action === 'create-flow' && !lastWrites.has(number.number)) return { kind: 'never-applied' };
  if (!live) return { kind: 'unknown' };
  const provenance = provenanceOf(live, lastWrites.get(number.number));
  if (provenance.kind === 'outside') {
    const { kind: _kind, ...facts } = provenance;
    return { kind: 'outside-edit', ...facts };
  }
  if (provenance.kind === 'callflow') {
    const { kind: _kind, ...facts } = provenance;
    return { kind: 'not-applied', ...facts };
  }
  return { kind: 'unknown' };
}
