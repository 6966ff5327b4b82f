/**
 * What the sandbox account holds: numbers (Aircall's fields plus their Smartflow versions),
 * users, teams and the apply lock. Persisted as one JSON document (see store.ts); the schema
 * rejects a damaged file instead of serving half of it.
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

const flowVersion = z.object({
  version: z.number().int().positive(),
  document: z.record(z.string(), z.unknown()),
  created_at: z.string(),
  author: z.string().optional(),
});

const storedNumber = z.object({
  id: z.number().int().positive(),
  digits: z.string(),
  name: z.string(),
  country: z.string(),
  time_zone: z.string(),
  language: z.string().optional(),
  created_at: z.string(),
  messages: z.record(z.enum(MESSAGE_SLOTS), z.string().nullable()),
  flow: z.object({
    versions: z.array(flowVersion),
    /** null: the platform's default flow (nothing published by us yet). */
    published: z.number().int().positive().nullable(),
  }),
});

const storedUser = z.object({ id: z.number().int().positive(), name: z.string(), email: z.string(), created_at: z.string() });
const storedTeam = z.object({ id: z.number().int().positive(), name: z.string(), created_at: z.string(), user_ids: z.array(z.number().int()) });

const applyLock = z.object({
  owner: z.string(),
  token: z.string(),
  expires_at: z.string(),
  /** Public name of this holding (what breaking the lock names); absent in stores written before it. */
  id: z.string().optional(),
  /** Where the holder runs, when it said: another apply on that host can see it is gone. */
  host: z.string().optional(),
  pid: z.number().int().positive().optional(),
});

export const storeState = z.object({
  format: z.literal(1),
  next_id: z.number().int().positive(),
  /** Set once the store has been provisioned (seeded), so seeding happens once. */
  seeded_at: z.string().nullable(),
  numbers: z.array(storedNumber),
  users: z.array(storedUser),
  teams: z.array(storedTeam),
  lock: applyLock.nullable(),
});

export type StoreState = z.infer<typeof storeState>;
export type StoredNumber = z.infer<typeof storedNumber>;
export type StoredFlowVersion = z.infer<typeof flowVersion>;
export type StoredUser = z.infer<typeof storedUser>;
export type StoredTeam = z.infer<typeof storedTeam>;
export type MessageSlot = (typeof MESSAGE_SLOTS)[number];

export function emptyState(): StoreState {
  return { format: 1, next_id: 1001, seeded_at: null, numbers: [], users: [], teams: [], lock: null };
}

export function takeId(state: StoreState): number {
  const id = state.next_id;
  state.next_id += 1;
  return id;
}

export function latestVersion(number: StoredNumber): number {
  return number.flow.versions.at(-1)?.version ?? 0;
}
