import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { changedNumbers, liveMovesSince, settingsUpdateOf, type NumberPlan, type Plan } from '../plan/index.js';
import { LockLostError, StaleVersionError } from '../providers/errors.js';
import { flowDocumentProblems } from '../model/flow-document-problems.js';
import type { LiveNumber } from '../model/live.js';
import type { LockHolder, TelephonyProvider } from '../providers/provider.js';
import { describeHolder, takeApplyLock, type HeldLock } from './lock-keeper.js';

/** Detail of a number an aborted apply did not get to (nothing of it was written). */
export const NOT_ATTEMPTED = 'not attempted';

export type NumberStatus = 'applied' | 'failed' | 'refused';

export interface NumberResult {
  number: string;
  name: string;
  status: NumberStatus;
  detail?: string;
  publishedVersion?: number;
}

export interface ApplyReport {
  /** Set when nothing was attempted (lock held, …). */
  refused?: string;
  /** Set when apply stopped before the end (interrupted, or the lock was lost): why. The rest is `refused`. */
  stopped?: string;
  /** The lock was taken over from a holder proven gone, or broken (`--break-lock`): whose it was. */
  lock?: { tookOver?: LockHolder; broke?: LockHolder };
  uploads: { uploaded: number; alreadyThere: number; failed: string[] };
  results: NumberResult[];
}

export interface ApplyInput {
  plan: Plan;
  provider: TelephonyProvider;
  /**
   * The repo file an upload path names (as the loader found it: inside the repo, links
   * resolved), or undefined: nothing outside the repo is ever read, whatever a plan says.
   */
  repoFile: (path: string) => string | undefined;
  /** Lock owner, e.g. "alice@laptop pid 123". */
  owner: string;
  /** This apply's host and process: another apply on this host takes over the lock once this process is gone. */
  where: { host: string; pid: number };
  logger: Logger;
  /** How long the apply lock lives if this process dies holding it (renewed while applying). */
  lockSeconds?: number;
  /** `apply --break-lock`: break a lock another apply holds. */
  breakLock?: boolean;
  /** Recorded on every flow version written, e.g. `callflow (alice)`. */
  author?: string;
  /** Aborted (Ctrl-C, SIGTERM, serve stopping): no write starts after it (a number is never left half-applied); the rest are reported as not attempted, and the lock is released. */
  signal?: AbortSignal;
  /** Told when the writes of one number begin and end, so a process stopping waits for the end. */
  writing?: WriteGuard;
}

/** Marks the writes of one number as a unit that must not be cut short. */
export interface WriteGuard {
  enter(): void;
  leave(): void;
}

export const DEFAULT_LOCK_SECONDS = 600;

/**
 * Executes a plan: take the account lock, refuse numbers whose live state moved since the
 * plan, upload new audio, then per number write the draft (based on the planned version)
 * and publish it, then its settings. A number is published whole or not at all; a failure
 * on one number does not stop the others, and re-running applies only what is left.
 */
export async function applyPlan(input: ApplyInput): Promise<ApplyReport> {
  const { plan, provider, logger } = input;
  const report: ApplyReport = { uploads: { uploaded: 0, alreadyThere: 0, failed: [] }, results: [] };
  const targets = changedNumbers(plan);
  if (targets.length === 0) return report;

  let held: HeldLock | undefined;
  if (provider.lock) {
    const taken = await takeApplyLock({
      lock: provider.lock,
      owner: input.owner,
      where: input.where,
      ttlSeconds: input.lockSeconds ?? DEFAULT_LOCK_SECONDS,
      breakLock: input.breakLock ?? false,
      logger,
    });
    if (!taken.ok) return { ...report, refused: `another apply is running: held by ${describeHolder(taken.holder)}; if it is not running, re-run with --break-lock` };
    held = taken.held;
    if (taken.tookOver || taken.broke) report.lock = { ...(taken.tookOver ? { tookOver: taken.tookOver } : {}), ...(taken.broke ? { broke: taken.broke } : {}) };
  }
  // Asked before every write: an interrupted apply, or one whose lock is no longer its own, writes nothing more.
  const stopReason = () => (input.signal?.aborted ? 'interrupted' : held?.lost());
  try {
    const moved = await movedSincePlan(plan, targets, provider);
    const ready = targets.filter((n) => !moved.has(n.number));
    for (const n of targets) {
      const reason = moved.get(n.number);
      if (reason) report.results.push({ number: n.number, name: n.name, status: 'refused', detail: `changed live since plan (${reason}); re-run plan` });
    }
    const failedUploads = await uploadAudio(plan, ready, input, report, stopReason);
    const lacking = lackingAudio(plan, failedUploads);
    const hosted = hostingCheck(provider);
    for (const number of ready) {
      report.stopped ??= stopReason();
      if (report.stopped) {
        report.results.push({ number: number.number, name: number.name, status: 'refused', detail: `${NOT_ATTEMPTED}: ${report.stopped}` });
        continue;
      }
      const missing = lacking.get(number.number);
      if (missing) {
        report.results.push({ number: number.number, name: number.name, status: 'failed', detail: `audio upload failed: ${missing.join(', ')}` });
        continue;
      }
      input.writing?.enter();
      try {
        const unpublished = await hosted(number);
        if (unpublished) report.results.push({ number: number.number, name: number.name, status: 'refused', detail: unpublished });
        else {
          const result = await applyNumber(number, provider, logger, input.author);
          if (result.lockLost) report.stopped = `the apply lock was lost (${result.detail})`;
          report.results.push(result.outcome);
        }
      } finally {
        input.writing?.leave();
      }
    }
  } finally {
    await held?.release();
  }
  return report;
}

/**
 * "Before writing, callflow fetches each URL and refuses unless the bytes hash to the repo
 * file's sha256": per number, the reason it must not be written, or undefined. Each URL is
 * fetched once per apply, however many numbers set it.
 */
function hostingCheck(provider: TelephonyProvider): (number: NumberPlan) => Promise<string | undefined> {
  const seen = new Map<string, Promise<string | undefined>>();
  return async (number) => {
    for (const change of number.changes) {
      if (change.kind !== 'slot-changed' || !change.after) continue;
      const { url, sha256, path } = change.after;
      if (!sha256 || !provider.publishedAudio) return `the ${provider.name} provider cannot check ${url}; nothing written`;
      if (!seen.has(url)) seen.set(url, provider.publishedAudio.check(url, sha256));
      const problem = await seen.get(url)!;
      if (problem) return `${path ?? url}: ${problem} — publish the audio first (nothing written to this number)`;
    }
    return undefined;
  };
}

async function movedSincePlan(plan: Plan, targets: NumberPlan[], provider: TelephonyProvider): Promise<Map<string, string>> {
  const ids = targets.flatMap((n) => (n.liveId ? [n.liveId] : []));
  // Re-read what is about to change at the lower cost: one read per number, or the account's list pages.
  const pages = Math.ceil(plan.numbers.length / 50);
  const wanted = new Set(ids);
  const live = ids.length > pages ? (await provider.readAccount()).filter((n) => wanted.has(n.id)) : await readNumbers(provider, ids);
  const targeted = new Set(targets.map((t) => t.number));
  const relevant = { ...plan, inputs: { ...plan.inputs, numbers: plan.inputs.numbers.filter((i) => targeted.has(i.number)) } };
  return new Map(liveMovesSince(relevant, live).map((m) => [m.number, m.reason]));
}

/** Per number, the files it needs whose upload failed (one pass over the uploads, not one per number). */
function lackingAudio(plan: Plan, failed: ReadonlySet<string>): Map<string, string[]> {
  const lacking = new Map<string, string[]>();
  for (const upload of plan.uploads) {
    if (!failed.has(upload.path)) continue;
    for (const number of upload.numbers) {
      const list = lacking.get(number);
      if (list) list.push(upload.path);
      else lacking.set(number, [upload.path]);
    }
  }
  return lacking;
}

async function uploadAudio(plan: Plan, ready: NumberPlan[], input: ApplyInput, report: ApplyReport, stopReason: () => string | undefined): Promise<Set<string>> {
  const failed = new Set<string>();
  const assets = input.provider.assets;
  if (!assets) return failed;
  const readyNumbers = new Set(ready.map((r) => r.number));
  const wanted = plan.uploads.filter((u) => u.numbers.some((n) => readyNumbers.has(n)));
  for (const upload of wanted) {
    // The numbers that need this file are then not attempted either (the loop over numbers asks too).
    if (stopReason()) break;
    try {
      const file = input.repoFile(upload.path);
      if (!file) throw new Error(`${upload.path} is not a file of the repo`);
      const content = await readFile(file);
      const sha256 = createHash('sha256').update(content).digest('hex');
      if (upload.sha256 && sha256 !== upload.sha256) throw new Error(`${upload.path} changed since the plan (content hash differs); re-run plan`);
      if (await assets.has(sha256)) {
        report.uploads.alreadyThere += 1;
        continue;
      }
      await assets.upload(content, sha256);
      report.uploads.uploaded += 1;
    } catch (error) {
      if (error instanceof LockLostError) {
        report.stopped = `the apply lock was lost (${error.message})`;
        break;
      }
      input.logger.info({ err: error, path: upload.path }, 'audio upload failed');
      failed.add(upload.path);
      report.uploads.failed.push(`${upload.path}: ${(error as Error).message}`);
    }
  }
  return failed;
}

async function applyNumber(number: NumberPlan, provider: TelephonyProvider, logger: Logger, author: string | undefined): Promise<{ outcome: NumberResult; lockLost?: boolean; detail?: string }> {
  const base = { number: number.number, name: number.name };
  if (!number.liveId || !number.desired) return { outcome: { ...base, status: 'failed', detail: 'not in the account' } };
  const unfit = flowDocumentProblems(number.desired.flow);
  if (unfit.length) return { outcome: { ...base, status: 'failed', detail: `not written: the desired flow is not valid (${unfit.slice(0, 3).join('; ')})` } };
  try {
    return { outcome: await writeNumber(number as NumberPlan & { liveId: string; desired: NonNullable<NumberPlan['desired']> }, provider, logger, author) };
  } catch (error) {
    if (error instanceof LockLostError) return { outcome: { ...base, status: 'refused', detail: `not applied: ${error.message}` }, lockLost: true, detail: error.message };
    if (error instanceof StaleVersionError) return { outcome: { ...base, status: 'refused', detail: 'changed live since plan (flow version moved); re-run plan' } };
    logger.info({ err: error, number: number.number }, 'apply failed for number');
    return { outcome: { ...base, status: 'failed', detail: (error as Error).message } };
  }
}

/** Draft on the planned version, publish, then settings; throws what the provider throws. */
async function writeNumber(number: NumberPlan & { liveId: string; desired: NonNullable<NumberPlan['desired']> }, provider: TelephonyProvider, logger: Logger, author: string | undefined): Promise<NumberResult> {
  let publishedVersion: number | undefined;
  const flowChanges = number.changes.some((c) => c.kind !== 'setting' && c.kind !== 'audio-upload' && c.kind !== 'slot-changed') || number.action === 'create-flow';
  if (provider.flows && flowChanges) {
    const draft = await provider.flows.writeDraft(number.liveId, number.desired.flow, number.live?.latestVersion ?? 0, author);
    await provider.flows.publish(number.liveId, draft.version);
    publishedVersion = draft.version;
  }
  const settings = settingsUpdateOf(number);
  if (settings) await provider.updateNumber(number.liveId, settings);
  logger.info({ number: number.number, publishedVersion }, 'number applied');
  return { number: number.number, name: number.name, status: 'applied', ...(publishedVersion !== undefined ? { publishedVersion } : {}) };
}

/** Re-read the numbers about to change, a few at a time: the client's rate limiter paces the requests. */
async function readNumbers(provider: TelephonyProvider, ids: readonly string[], concurrency = 4): Promise<LiveNumber[]> {
  const out: LiveNumber[] = new Array(ids.length);
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const index = next++;
      out[index] = await provider.readNumber(ids[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return out;
}
