/**
 * "The reviewed plan is what merges": the PR comment carries, hidden, what its plan was made
 * against — the plan checksum, the desired-state hash and, per number, the live flow version
 * and a short hash of the live state. On merge, apply reads it back from the comment and
 * refuses the numbers whose live state moved since (a dashboard edit made meanwhile).
 *
 * Encoded as an HTML comment (invisible on GitHub) holding deflated JSON in base64, so an
 * account of a thousand numbers costs about 16,000 characters of the 65,536 a comment may hold.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import type { Plan } from '../plan/index.js';

export const REVIEWED_PLAN_MARKER = 'callflow-reviewed-plan';
const VERSION = 1;
/** Hex digits of each number's live hash kept: 32 bits tell "moved" from "same" well enough. */
const HASH_DIGITS = 8;
/** Above this, only the numbers the plan changes are recorded (and the data says so). */
const MAX_ENCODED_CHARS = 30_000;

const reviewedPlan = z.object({
  v: z.literal(VERSION),
  checksum: z.string(),
  desired: z.string(),
  commit: z.string(),
  /** Only the numbers the plan changes were recorded (the account was too large). */
  partial: z.boolean(),
  /** [number, latest flow version or null, live hash prefix] */
  numbers: z.array(z.tuple([z.string(), z.number().nullable(), z.string()])),
});

export type ReviewedPlan = z.infer<typeof reviewedPlan>;

export interface ReviewedMove {
  number: string;
  reason: string;
}

export function reviewedPlanOf(plan: Plan, commit: string): ReviewedPlan {
  const entry = (n: Plan['inputs']['numbers'][number]): [string, number | null, string] => [n.number, n.latestVersion, n.live.slice(0, HASH_DIGITS)];
  const all: ReviewedPlan = { v: VERSION, checksum: plan.checksum, desired: plan.inputs.desired, commit, partial: false, numbers: plan.inputs.numbers.map(entry) };
  if (encode(all).length <= MAX_ENCODED_CHARS) return all;
  const changed = new Set(plan.numbers.filter((n) => n.action === 'create-flow' || n.action === 'update').map((n) => n.number));
  return { ...all, partial: true, numbers: plan.inputs.numbers.filter((n) => changed.has(n.number)).map(entry) };
}

/** The hidden HTML comment that carries a reviewed plan. */
export function renderReviewedPlan(reviewed: ReviewedPlan): string {
  return `<!-- ${REVIEWED_PLAN_MARKER} ${encode(reviewed)} -->`;
}

export type ReadReviewed = { ok: true; reviewed: ReviewedPlan } | { ok: false; reason: string };

/** Finds and decodes the reviewed plan in a comment body. */
export function readReviewedPlan(body: string): ReadReviewed {
  const match = new RegExp(`<!-- ${REVIEWED_PLAN_MARKER} ([A-Za-z0-9+/=]+) -->`).exec(body);
  if (!match) return { ok: false, reason: 'the plan comment carries no reviewed plan (the last plan run read no live numbers or failed)' };
  try {
    const json = JSON.parse(inflateRawSync(Buffer.from(match[1]!, 'base64')).toString('utf8')) as unknown;
    const parsed = reviewedPlan.safeParse(json);
    if (parsed.success) return { ok: true, reviewed: parsed.data };
  } catch {
    // fall through: damaged
  }
  return { ok: false, reason: 'the reviewed plan in the plan comment is damaged or from another callflow version' };
}

/**
 * Numbers apply would change now whose live state differs from what the reviewed plan saw.
 * A number that already matches the config (applied by an earlier run) has nothing to protect.
 */
export function movedSinceReview(reviewed: ReviewedPlan, current: Plan): ReviewedMove[] {
  const now = new Map(current.inputs.numbers.map((n) => [n.number, n]));
  const changing = new Set(current.numbers.filter((n) => n.action === 'create-flow' || n.action === 'update').map((n) => n.number));
  const moves: ReviewedMove[] = [];
  for (const [number, version, hash] of reviewed.numbers) {
    const input = now.get(number);
    // No longer in config, or nothing to write: apply leaves it alone.
    if (!input || !changing.has(number) || input.live.slice(0, HASH_DIGITS) === hash) continue;
    const reason =
      input.latestVersion !== version
        ? `its flow version is now ${input.latestVersion ?? 'none'}, the reviewed plan saw ${version ?? 'none'}`
        : 'its settings or published flow changed since the reviewed plan';
    moves.push({ number, reason });
  }
  return moves;
}

function encode(reviewed: ReviewedPlan): string {
  return deflateRawSync(Buffer.from(JSON.stringify(reviewed)), { level: 9 }).toString('base64');
}
