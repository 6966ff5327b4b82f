/**
 * The canonical flow document: what `apply` stores on the provider and what `plan` compares.
 * Both sides of a plan are brought to this one shape — references resolved, schedules
 * inlined, defaults explicit — so two documents are equal exactly when callers hear the same.
 * Bump FLOW_SCHEMA_VERSION when the shape changes; an older live document is then replaced.
 */
import { z } from 'zod';

export const FLOW_SCHEMA_VERSION = 1;

const audioRef = z.strictObject({
  /** Repo-relative path of the mp3, as written in YAML (informative; identity is the hash). */
  path: z.string(),
  /** Hex sha256 of the content, when known: what the provider stores the asset under. */
  sha256: z.string().optional(),
  /** Informative, for a reviewer when a recording changes (identity is the hash): size in bytes. */
  bytes: z.number().optional(),
  /** Informative: duration in seconds, when the file was inspected. */
  seconds: z.number().optional(),
});

export const canonicalMessage = z.union([
  z.strictObject({ tts: z.string(), language: z.string(), voice: z.enum(['female', 'male']).optional() }),
  z.strictObject({ audio: audioRef }),
  // Only for a `{ ref }` that names no shared message (validation reports it); never applied.
  z.strictObject({ unresolved: z.string() }),
]);

const music = z.union([z.strictObject({ library: z.string() }), z.strictObject({ audio: audioRef })]);
const retries = z.strictObject({ count: z.number(), message: canonicalMessage.optional(), final_message: canonicalMessage.optional() });
const label = z.string().optional();

const schedule = z.strictObject({
  /** File name in config/schedules/ (what `schedule:` names). */
  ref: z.string(),
  name: z.string(),
  timezone: z.string(),
  /** Public holidays of a country or region (FR, DE-BY): evaluated where the document is read. */
  holiday_calendar: z.string().optional(),
  weekly: z.record(z.string(), z.array(z.string())),
  holidays: z.array(z.strictObject({ date: z.string(), name: z.string().optional() })),
  special_days: z.array(z.strictObject({ date: z.string(), name: z.string().optional(), hours: z.array(z.string()) })),
});

export const canonicalStep = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('message'), label, message: canonicalMessage, next: z.string() }),
  z.strictObject({
    type: z.literal('time_rule'),
    label,
    schedule,
    open: z.string(),
    closed: z.string(),
    holiday: z.string(),
  }),
  z.strictObject({
    type: z.literal('ivr'),
    label,
    prompt: canonicalMessage.optional(),
    options: z.record(z.string(), z.string()),
    timeout_seconds: z.number(),
    retries: retries.optional(),
    no_input: z.string().optional(),
    invalid_input: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('input_ivr'),
    label,
    prompt: canonicalMessage.optional(),
    end: z.union([z.strictObject({ key: z.string() }), z.strictObject({ digits: z.number() })]),
    timeout_seconds: z.number(),
    min_digits: z.number().optional(),
    max_digits: z.number().optional(),
    retries: retries.optional(),
    next: z.string(),
    no_input: z.string().optional(),
    invalid_input: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('ring'),
    label,
    to: z.union([z.strictObject({ teams: z.array(z.string()) }), z.strictObject({ users: z.array(z.string()) })]),
    ring_seconds: z.number(),
    waiting: z.strictObject({ title: z.string().optional(), music }),
    unanswered: z.string(),
  }),
  z.strictObject({ type: z.literal('voicemail'), label, message: canonicalMessage, max_seconds: z.number().optional() }),
  z.strictObject({ type: z.literal('callback_request'), label, confirmation: canonicalMessage, next: z.string() }),
  z.strictObject({
    type: z.literal('forward'),
    label,
    to: z.string(),
    message: canonicalMessage.optional(),
    // Both only with an `unanswered` branch (or when written): a forward that ends the call keeps the document it always had.
    ring_seconds: z.number().optional(),
    unanswered: z.string().optional(),
  }),
  z.strictObject({ type: z.literal('hangup'), label, message: canonicalMessage.optional() }),
]);

export const canonicalFlowDocument = z.strictObject({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  start: z.string(),
  steps: z.record(z.string(), canonicalStep),
});

export type CanonicalMessage = z.infer<typeof canonicalMessage>;
export type CanonicalMusic = z.infer<typeof music>;
export type CanonicalSchedule = z.infer<typeof schedule>;
export type CanonicalStep = z.infer<typeof canonicalStep>;
export type CanonicalFlowDocument = z.infer<typeof canonicalFlowDocument>;
