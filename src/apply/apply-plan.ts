import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { changedNumbers, liveMovesSince, settingsUpdateOf, type NumberPlan, type Plan } from '../plan/index.js';
import { LockHeldError, StaleVersionError } from '../providers/errors.js';
import { flowDocumentProblems } from '../model/flow-document-problems.js';
import type { LiveNumber } from '../model/live.js';
import type { Lock, TelephonyProvider } from '../providers/provider.js';

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
  logger: Logger;
  /** How long the apply lock lives if this process dies holding it. */
  lockSeconds?: number;
}

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

  let lock: Lock | undefined;
  if (provider.lock) {
    try {
      lock = await provider.lock.acquire(input.owner, input.lockSeconds ?? 600);
    } catch (error) {
      if (error instanceof LockHeldError) return { ...report, refused: `another apply is running: held by ${error.holder} until ${error.expiresAt}` };
      throw error;
    }
  }
  try {
    const moved = await movedSincePlan(plan, targets, provider);
    const ready = targets.filter((n) => !moved.has(n.number));
    for (const n of targets) {
      const reason = moved.get(n.number);
      if (reason) report.results.push({ number: n.number, name: n.name, status: 'refused', detail: `changed live since plan (${reason}); re-run plan` });
    }
    const failedUploads = await uploadAudio(plan, ready, input, report);
    for (const number of ready) {
      const missing = plan.uploads.filter((u) => u.numbers.includes(number.number) && failedUploads.has(u.path));
      if (missing.length) {
        report.results.push({ number: number.number, name: number.name, status: 'failed', detail: `audio upload failed: ${missing.map((u) => u.path).join(', ')}` });
        continue;
      }
      report.results.push(await applyNumber(number, provider, logger));
    }
  } finally {
    if (lock && provider.lock) await provider.lock.release(lock).catch((error: unknown) => logger.warn({ err: error }, 'could not release the apply lock; it expires by itself'));
  }
  return report;
}

async function movedSincePlan(plan: Plan, targets: NumberPlan[], provider: TelephonyProvider): Promise<Map<string, string>> {
  const ids = targets.flatMap((n) => (n.liveId ? [n.liveId] : []));
  const live = await readNumbers(provider, ids);
  const relevant = { ...plan, inputs: { ...plan.inputs, numbers: plan.inputs.numbers.filter((i) => targets.some((t) => t.number === i.number)) } };
  return new Map(liveMovesSince(relevant, live).map((m) => [m.number, m.reason]));
}

async function uploadAudio(plan: Plan, ready: NumberPlan[], input: ApplyInput, report: ApplyReport): Promise<Set<string>> {
  const failed = new Set<string>();
  const assets = input.provider.assets;
  if (!assets) return failed;
  const wanted = plan.uploads.filter((u) => u.numbers.some((n) => ready.some((r) => r.number === n)));
  for (const upload of wanted) {
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
      input.logger.info({ err: error, path: upload.path }, 'audio upload failed');
      failed.add(upload.path);
      report.uploads.failed.push(`${upload.path}: ${(error as Error).message}`);
    }
  }
  return failed;
}

async function applyNumber(number: NumberPlan, provider: TelephonyProvider, logger: Logger): Promise<NumberResult> {
  const base = { number: number.number, name: number.name };
  if (!number.liveId || !number.desired) return { ...base, status: 'failed', detail: 'not in the account' };
  const unfit = flowDocumentProblems(number.desired.flow);
  if (unfit.length) return { ...base, status: 'failed', detail: `not written: the desired flow is not valid (${unfit.slice(0, 3).join('; ')})` };
  try {
    let publishedVersion: number | undefined;
    const flowChanges = number.changes.some((c) => c.kind !== 'setting' && c.kind !== 'audio-upload') || number.action === 'create-flow';
    if (provider.flows && flowChanges) {
      const draft = await provider.flows.writeDraft(number.liveId, number.desired.flow, number.live?.latestVersion ?? 0);
      await provider.flows.publish(number.liveId, draft.version);
      publishedVersion = draft.version;
    }
    const settings = settingsUpdateOf(number);
    if (settings) await provider.updateNumber(number.liveId, settings);
    logger.info({ number: number.number, publishedVersion }, 'number applied');
    return { ...base, status: 'applied', ...(publishedVersion !== undefined ? { publishedVersion } : {}) };
  } catch (error) {
    if (error instanceof StaleVersionError) return { ...base, status: 'refused', detail: 'changed live since plan (flow version moved); re-run plan' };
    logger.info({ err: error, number: number.number }, 'apply failed for number');
    return { ...base, status: 'failed', detail: (error as Error).message };
  }
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
