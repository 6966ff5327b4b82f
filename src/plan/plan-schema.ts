/**
 * The Plan as data: what `plan --out plan.json` writes, `apply --plan` reads back, and
 * `plan --format json` prints. The zod schema is the documentation of that JSON format;
 * `z.toJSONSchema(planSchema)` gives it to scripts. Additive changes keep `formatVersion`.
 */
import { z } from 'zod';
import { canonicalMessage, canonicalStep } from '../model/flow-document.js';

export const PLAN_FORMAT_VERSION = 1;

const nullableString = z.string().nullable();

/** A music & messages slot's URL; `path` and `sha256` when it is a callflow URL (base + repo path + `?sha256=`). */
export const slotValue = z.object({ url: z.string(), path: z.string().optional(), sha256: z.string().optional() });

export const settingField = z.enum(['name', 'timezone', 'language']);

/** One typed difference between live and desired, smallest meaningful unit first. */
export const change = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('setting'),
    field: settingField,
    before: nullableString,
    after: z.string(),
  }).meta({ description: 'A number-level setting (name, timezone, language) differs.' }),
  z.object({
    kind: z.literal('start-changed'),
    before: nullableString.meta({ description: 'null when live has the platform default flow.' }),
    after: z.string(),
  }).meta({ description: 'The flow starts at another step.' }),
  z.object({ kind: z.literal('step-added'), step: z.string(), after: canonicalStep }),
  z.object({ kind: z.literal('step-removed'), step: z.string(), before: canonicalStep }),
  z.object({
    kind: z.literal('step-changed'),
    step: z.string(),
    fields: z.array(z.object({
      field: z.string().meta({ description: 'Dotted path inside the step, e.g. timeout_seconds, schedule.weekly.friday.' }),
      before: z.unknown(),
      after: z.unknown(),
    })),
  }).meta({ description: 'Fields of a step other than its branches and messages changed.' }),
  z.object({
    kind: z.literal('branch-rewired'),
    step: z.string(),
    field: z.string().meta({ description: 'next, options.1, no_input, open, unanswered…' }),
    branch: z.string().meta({ description: 'Human label: next, 1, no input, open…' }),
    before: nullableString,
    after: nullableString,
  }),
  z.object({
    kind: z.literal('message-changed'),
    step: z.string(),
    slot: z.string().meta({ description: 'message, prompt, confirmation, retries.message, waiting.music' }),
    before: z.union([canonicalMessage, z.object({ library: z.string() })]).nullable(),
    after: z.union([canonicalMessage, z.object({ library: z.string() })]).nullable(),
  }).meta({ description: 'Compared by content hash for files, by text/voice/language for TTS.' }),
  z.object({
    kind: z.literal('draft-superseded'),
    version: z.number().meta({ description: 'The unpublished draft version left above the published one.' }),
    published: z.number().nullable().meta({ description: 'The version callers get; null with the platform default flow.' }),
    createdAt: z.string().optional(),
    author: z.string().optional(),
  }).meta({ description: 'An unpublished draft (an apply that did not finish, an edit never published) sits above the published version; apply publishes a new version over it.' }),
  z.object({
    kind: z.literal('audio-upload'),
    path: z.string(),
    sha256: z.string().optional(),
    size: z.number().optional(),
  }).meta({ description: 'A file the live flow does not use yet; apply uploads it unless the provider already has that content.' }),
  z.object({
    kind: z.literal('slot-changed'),
    slot: z.string().meta({ description: 'welcome, waiting, ivr, voicemail, after_hours, callback_later…' }),
    step: nullableString.meta({ description: 'The step that fills the slot; null when callflow clears a URL it wrote.' }),
    before: slotValue.nullable(),
    after: slotValue.nullable(),
  }).meta({ description: 'A music & messages slot (providers without call flows) gets another file, compared by content sha256.' }),
]);

export const numberAction = z.enum(['create-flow', 'update', 'none', 'missing-live', 'unmanaged']).meta({
  description:
    'create-flow: live has the platform default flow; update: changes to apply; none: in sync; ' +
    'missing-live: in config but not in the account (numbers are bought, not created) — an error; ' +
    'unmanaged: in the account but in no config file — listed, never touched.',
});

const settings = z.object({ name: z.string(), timezone: z.string(), language: z.string() });

export const outsideEdit = z.object({
  version: z.number().optional().meta({ description: 'The live flow version that callflow did not write.' }),
  by: z.string().optional().meta({ description: 'Who published it, when the provider records an author.' }),
  at: z.string().optional().meta({ description: 'When it was published (ISO), when the provider says.' }),
  lastWrite: z.object({ at: z.string(), who: z.string() }).optional().meta({ description: 'When callflow last wrote the number and who ran it (the journal).' }),
}).meta({ description: 'Live was edited outside callflow since callflow last wrote it: applying this plan overwrites that edit.' });

export const numberPlan = z.object({
  number: z.string(),
  name: z.string(),
  /** Config file, null for unmanaged numbers. */
  file: nullableString,
  /** Provider id, null when the number is not live. */
  liveId: nullableString,
  action: numberAction,
  changes: z.array(change),
  /** What apply writes: settings and the canonical flow document. Null for unmanaged numbers. */
  desired: z.object({ settings, flow: z.record(z.string(), z.unknown()) }).nullable(),
  /** What the plan was computed against. Null for numbers not live. */
  live: z.object({
    settings: z.object({ name: z.string(), timezone: z.string(), language: nullableString }),
    /** Published version callers get; null with the platform default flow or no flow support. */
    publishedVersion: z.number().nullable(),
    /** The `baseVersion` a new draft must name. */
    latestVersion: z.number().nullable(),
    /** The published document as the provider returned it. */
    flow: z.record(z.string(), z.unknown()).nullable(),
    /** Music & messages slots, for providers without call flows (what slot changes were compared with). */
    messages: z.record(z.string(), nullableString).optional(),
  }).nullable(),
  /** Sentences about this number a reviewer should read (limitations, replaced foreign flows). */
  notes: z.array(z.string()),
  /** Set on a number this plan changes when live was edited outside callflow since callflow last wrote it. */
  outsideEdit: outsideEdit.optional(),
});

const problem = z.object({
  severity: z.enum(['error', 'warning']),
  rule: z.string(),
  message: z.string(),
  file: z.string(),
  line: z.number(),
  column: z.number(),
  endLine: z.number().optional(),
  endColumn: z.number().optional(),
  hint: z.string().optional(),
});

export const planSchema = z.object({
  format: z.literal('callflow-plan'),
  formatVersion: z.literal(PLAN_FORMAT_VERSION),
  generatedAt: z.string(),
  /** sha256 of the inputs: canonical desired state and, per number, the live version planned against. */
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  inputs: z.object({
    /** sha256 of the canonical desired state (settings + flows of every number in config). */
    desired: z.string(),
    numbers: z.array(z.object({
      number: z.string(),
      liveId: nullableString,
      publishedVersion: z.number().nullable(),
      latestVersion: z.number().nullable(),
      /** sha256 of the live settings and published document. */
      live: z.string(),
    })),
  }),
  provider: z.object({
    flows: z.boolean(),
    audio: z.enum(['upload', 'url']),
    limitations: z.array(z.string()),
  }),
  summary: z.object({
    managed: z.number().meta({ description: 'Numbers in config that are live.' }),
    createFlow: z.number(),
    update: z.number(),
    unchanged: z.number(),
    missingLive: z.number(),
    unmanaged: z.number(),
    uploads: z.number(),
    errors: z.number(),
    warnings: z.number(),
  }),
  /** Sorted by number. */
  numbers: z.array(numberPlan),
  /** Every file to upload, once per content, with the numbers that need it. */
  uploads: z.array(z.object({ path: z.string(), sha256: z.string().optional(), size: z.number().optional(), numbers: z.array(z.string()) })),
  /** Errors (a plan with errors must not be applied) and warnings, with file positions. */
  problems: z.array(problem),
});

export type Change = z.infer<typeof change>;
export type ChangeKind = Change['kind'];
export type NumberAction = z.infer<typeof numberAction>;
export type NumberPlan = z.infer<typeof numberPlan>;
export type OutsideEdit = z.infer<typeof outsideEdit>;
export type Plan = z.infer<typeof planSchema>;
export type PlanUpload = Plan['uploads'][number];
export type SlotValue = z.infer<typeof slotValue>;
