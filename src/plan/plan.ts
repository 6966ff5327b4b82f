/**
 * buildPlan: desired (the validated repo) + live (what the provider returned) → Plan.
 * Pure: no I/O, no clock — the caller reads live state and passes the time in.
 */
import type { Repo } from '../model/repo.js';
import type { LastWrite } from '../model/last-write.js';
import type { LiveNumber, LiveNumberSummary, NumberMessages, NumberSettingsUpdate, ProviderCapabilities, RingTarget } from '../model/live.js';
import { ringTargetProblems } from './ring-targets.js';
import { sortProblems, type Problem } from '../model/problem.js';
import { canonicalNumber, type CanonicalNumber } from '../model/canonical.js';
import { planNumber, type DesiredNumber } from './diff-number.js';
import { PLAN_FORMAT_VERSION, type NumberPlan, type Plan, type PlanUpload } from './plan-schema.js';
import { planChecksum } from './plan-file.js';
import { contentHash } from './stable-json.js';

export interface BuildPlanInput {
  repo: Pick<Repo, 'numbers' | 'messages' | 'schedules' | 'audio'>;
  /** Numbers read in detail (at least every number the config names that is in the account). */
  live: readonly LiveNumber[];
  /** The whole account listing, so numbers in no config file are reported as unmanaged. */
  liveSummaries?: readonly LiveNumberSummary[];
  providerCapabilities: ProviderCapabilities;
  /** ISO time, passed in so the same inputs give the same plan. */
  generatedAt: string;
  /** What callflow last wrote per number (E.164), from the journal: names edits made outside callflow. */
  lastWrites?: ReadonlyMap<string, LastWrite>;
  /** `audio.publicBaseUrl`: where a provider that takes audio as URLs fetches repo files. */
  audioBaseUrl?: string;
  /** The account's users and teams, when read: ring steps naming others are errors. */
  ringTargets?: readonly RingTarget[];
}

export function buildPlan(input: BuildPlanInput): Plan {
  const desired = desiredNumbers(input.repo);
  const live = new Map(input.live.map((n) => [n.number, n]));
  const summaries = new Map((input.liveSummaries ?? []).map((n) => [n.number, n]));
  const all = [...new Set([...desired.keys(), ...live.keys(), ...summaries.keys()])].sort();

  const numbers: NumberPlan[] = [];
  const problems: Problem[] = [];
  for (const number of all) {
    const result = planNumber({
      ...optional('desired', desired.get(number)),
      ...optional('live', live.get(number)),
      ...optional('summary', summaries.get(number)),
      ...optional('lastWrite', input.lastWrites?.get(number)),
      flowsSupported: input.providerCapabilities.flows,
      ...optional('provisionHint', input.providerCapabilities.provisionHint),
      audioSize: (path) => input.repo.audio.get(path)?.size,
      ...(usesSlots(input.providerCapabilities) ? { slots: { baseUrl: input.audioBaseUrl } } : {}),
    });
    numbers.push(result.plan);
    problems.push(...result.problems);
  }

  if (input.ringTargets) problems.push(...ringTargetProblems(input.repo.numbers, input.ringTargets));
  const inputs = planInputs([...desired.values()].map((d) => d.canonical), numbers);
  const sorted = sortProblems(problems);
  const uploads = collectUploads(numbers);
  const plan: Plan = {
    format: 'callflow-plan',
    formatVersion: PLAN_FORMAT_VERSION,
    generatedAt: input.generatedAt,
    checksum: '',
    inputs,
    provider: {
      flows: input.providerCapabilities.flows,
      audio: input.providerCapabilities.audio,
      limitations: [...input.providerCapabilities.limitations],
    },
    summary: {
      managed: numbers.filter((n) => n.desired && n.live).length,
      createFlow: count(numbers, 'create-flow'),
      update: count(numbers, 'update'),
      unchanged: count(numbers, 'none'),
      missingLive: count(numbers, 'missing-live'),
      unmanaged: count(numbers, 'unmanaged'),
      uploads: uploads.length,
      errors: sorted.filter((p) => p.severity === 'error').length,
      warnings: sorted.filter((p) => p.severity === 'warning').length,
    },
    numbers,
    uploads,
    problems: sorted,
  };
  // Undefined fields count as absent, as in the file the plan is saved to.
  plan.checksum = planChecksum(plan);
  return plan;
}

/** Config numbers by E.164; a duplicate is a validation error, so the first file wins here. */
function desiredNumbers(repo: BuildPlanInput['repo']): Map<string, DesiredNumber> {
  const out = new Map<string, DesiredNumber>();
  for (const entry of repo.numbers) {
    if (!out.has(entry.config.number)) out.set(entry.config.number, { entry, canonical: canonicalNumber(entry, repo) });
  }
  return out;
}

/** What the plan depends on: the desired state's hash and, per managed number, the live version seen. */
function planInputs(desired: CanonicalNumber[], numbers: NumberPlan[]): Plan['inputs'] {
  const desiredState = desired
    .map(({ number, settings, flow }) => ({ number, settings, flow }))
    .sort((a, b) => a.number.localeCompare(b.number));
  return {
    desired: contentHash(desiredState),
    numbers: numbers
      .filter((n) => n.desired)
      .map((n) => ({
        number: n.number,
        liveId: n.liveId,
        publishedVersion: n.live?.publishedVersion ?? null,
        latestVersion: n.live?.latestVersion ?? null,
        live: liveHash(n.live),
      })),
  };
}

export function liveHash(live: NumberPlan['live']): string {
  if (!live) return contentHash(null);
  const { settings, publishedVersion, latestVersion, flow, messages } = live;
  return contentHash({ settings, publishedVersion, latestVersion, flow, ...(messages ? { messages } : {}) });
}

/** A provider without call flows that takes audio as URLs plays the flow's files through music & messages slots. */
export function usesSlots(capabilities: ProviderCapabilities): boolean {
  return !capabilities.flows && capabilities.audio === 'url';
}

function collectUploads(numbers: NumberPlan[]): PlanUpload[] {
  const byContent = new Map<string, PlanUpload>();
  for (const plan of numbers) {
    for (const change of plan.changes) {
      if (change.kind !== 'audio-upload') continue;
      const key = change.sha256 ?? `path:${change.path}`;
      const upload = byContent.get(key) ?? { path: change.path, ...(change.sha256 ? { sha256: change.sha256 } : {}), ...(change.size !== undefined ? { size: change.size } : {}), numbers: [] };
      upload.numbers.push(plan.number);
      byContent.set(key, upload);
    }
  }
  return [...byContent.values()].sort((a, b) => a.path.localeCompare(b.path));
}

const count = (numbers: NumberPlan[], action: NumberPlan['action']) => numbers.filter((n) => n.action === action).length;

/** `{ key: value }` only when the value is there (exactOptional-friendly spreading). */
function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Numbers whose changes apply would make (create-flow or update). */
export function changedNumbers(plan: Plan): NumberPlan[] {
  return plan.numbers.filter((n) => n.action === 'create-flow' || n.action === 'update');
}

export function hasChanges(plan: Plan): boolean {
  return changedNumbers(plan).length > 0;
}

/** The number-level settings apply must write for this number, if any. */
export function settingsUpdateOf(number: NumberPlan): NumberSettingsUpdate | undefined {
  const update: NumberSettingsUpdate = {};
  for (const change of number.changes) {
    if (change.kind === 'setting') update[change.field] = change.after;
    if (change.kind === 'slot-changed') update.messages = { ...update.messages, [change.slot as keyof NumberMessages]: change.after?.url ?? null };
  }
  return Object.keys(update).length ? update : undefined;
}
