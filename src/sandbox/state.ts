/**
 * What the sandbox account holds: numbers (Aircall's fields plus their Smartflow versions),
 * users, teams and the apply lock. On disk it is a snapshot (this shape) plus a log of the
 * changes made since (see store.ts); the schemas reject a damaged file instead of serving
 * half of it.
 */
import { z } from 'zod';

export const MESSAGE_SLOTS = [
  'welcome',
  'waiting',
  'ringing_tone',
  'ivr',
  'voicemail',
  'closed',
  'callback_later',
  'unanswered_call',
  'after_hours',
] as const;

export const flowVersion = z.object({
  version: z.number().int().positive(),
  document: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  author: z.string().optional(),
});

const numberFields = {
  id: z.number().int().positive(),
  digits: z.string(),
  name: z.string(),
  country: z.string(),
  time_zone: z.string(),
  language: z.string().optional(),
  created_at: z.string(),
  messages: z.record(z.enum(MESSAGE_SLOTS), z.string().nullable()),
};

/** null: the platform's default flow (nothing published by us yet). */
const publishedVersion = z.number().int().positive().nullable();

export const storedNumber = z.object({
  ...numberFields,
  flow: z.object({ versions: z.array(flowVersion), published: publishedVersion }),
});

/** A number without its flow versions: what a settings or publish change rewrites. */
export const numberHead = z.object({ ...numberFields, flow: z.object({ published: publishedVersion }) });

export const storedUser = z.object({ id: z.number().int().positive(), name: z.string(), email: z.string(), created_at: z.string() });
export const storedTeam = z.object({ id: z.number().int().positive(), name: z.string(), created_at: z.string(), user_ids: z.array(z.number().int()) });
export const applyLock = z.object({
  owner: z.string(),
  token: z.string(),
  expires_at: z.string(),
  /** Public name of this holding (what breaking the lock names); absent in stores written before it. */
  id: z.string().optional(),
  /** Where the holder runs, when it said: another apply on that host can see it is gone. */
  host: z.string().optional(),
  pid: z.number().int().positive().optional(),
});


/** The account-wide scalars, rewritten whole when one of them changes (they are tiny). */
export const accountMeta = z.object({
  next_id: z.number().int().positive(),
  /** Set once the store has been provisioned (seeded), so seeding happens once. */
  seeded_at: z.string().nullable(),
  lock: applyLock.nullable(),
});

/**
 * The snapshot file. Format 1 (every store before the log existed) has no `seq`: it is a
 * snapshot of the state before any logged change, so it opens as seq 0.
 */
export const storeSnapshot = accountMeta.extend({
  format: z.union([z.literal(1), z.literal(2)]),
  /** The last logged change this snapshot includes. */
  seq: z.number().int().nonnegative().default(0),
  numbers: z.array(storedNumber),
  users: z.array(storedUser),
  teams: z.array(storedTeam),
});

export type StoreSnapshot = z.infer<typeof storeSnapshot>;
export type StoredNumber = z.infer<typeof storedNumber>;
export type NumberHead = z.infer<typeof numberHead>;
export type StoredFlowVersion = z.infer<typeof flowVersion>;
export type StoredUser = z.infer<typeof storedUser>;
export type StoredTeam = z.infer<typeof storedTeam>;
export type ApplyLock = z.infer<typeof applyLock>;
export type AccountMeta = z.infer<typeof accountMeta>;
export type MessageSlot = (typeof MESSAGE_SLOTS)[number];

export const FIRST_ID = 1001;

export function latestVersion(number: StoredNumber): number {
  return number.flow.versions.at(-1)?.version ?? 0;
}
