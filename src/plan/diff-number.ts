/**
 * One number's plan: its action (create-flow, update, none, missing-live, unmanaged) and the
 * typed changes that take live to desired — settings, flow step by step, audio to upload.
 */
import type { NumberConfig } from '../config/schema/index.js';
import type { Entry } from '../model/repo.js';
import type { LiveNumber, LiveNumberSummary } from '../model/live.js';
import { own } from '../model/own.js';
import type { Problem } from '../model/problem.js';
import { problemAt } from '../rules/rule.js';
import type { CanonicalNumber, NumberSettings } from '../model/canonical.js';
import { diffFlows, sameSlot } from './diff-flow.js';
import { audioIdentity, audioOfFlow } from './flow-audio.js';
import { type CanonicalFlowDocument } from '../model/flow-document.js';
import { readFlowDocument } from '../model/read-flow-document.js';
import type { Change, NumberPlan, OutsideEdit } from './plan-schema.js';
import type { LastWrite } from '../model/last-write.js';
import { provenanceOf } from './provenance.js';
import { planSlots } from './diff-slots.js';

export interface DesiredNumber {
  canonical: CanonicalNumber;
  /** The loaded file, for positions of plan problems. */
  entry: Entry<NumberConfig>;
}

export interface NumberPlanInput {
  desired?: DesiredNumber;
  /** The number as read in detail; absent when it is not in the account (or unmanaged and not read). */
  live?: LiveNumber;
  /** The account listing entry, enough for unmanaged numbers. */
  summary?: LiveNumberSummary;
  /** Provider capability: can it store call flows at all? */
  flowsSupported: boolean;
  /** The provider's words on getting a number into the account (the sandbox's `--seed-config`). */
  provisionHint?: string;
  /** Bytes of a repo file, for upload sizes. */
  audioSize?: (path: string) => number | undefined;
  /** What callflow last wrote to this number (the journal), to name edits made outside callflow. */
  lastWrite?: LastWrite;
  /** Set for a provider that plays music & messages slots instead of flows: where files are served. */
  slots?: { baseUrl: string | undefined };
}

export interface NumberPlanResult {
  plan: NumberPlan;
  problems: Problem[];
}

export function planNumber(input: NumberPlanInput): NumberPlanResult {
  const { desired, live } = input;
  if (!desired) return { plan: unmanagedPlan(live ?? input.summary!), problems: [] };
  const canonical = desired.canonical;
  if (!live && input.summary) {
    // A caller bug, not a user error: every configured number in the account must be read in detail.
    throw new Error(`buildPlan: ${canonical.number} is in the account listing but was not read (pass it in \`live\`)`);
  }
  if (!live) {
    return {
      plan: { ...base(canonical, null), action: 'missing-live', changes: [], live: null, notes: [] },
      problems: [
        problemAt(desired.entry, ['number'], 'error', 'plan/number-not-live', `${canonical.number} (${canonical.settings.name}) is in config but not in the account`, {
          hint: input.provisionHint ?? 'numbers are bought, not created: buy it in the provider first, or correct `number:`',
        }),
      ],
    };
  }

  const notes: string[] = [];
  const changes: Change[] = settingChanges(live, canonical.settings);
  const flow = live.flow;
  let action: NumberPlan['action'] = 'update';
  let liveFlow: CanonicalFlowDocument | null = null;
  const problems: Problem[] = [];
  if ((!input.flowsSupported || flow === null) && input.slots) {
    notes.push('the provider cannot store call flows: the number settings and its music & messages slots are compared and applied; routing (time rules, menus, ring steps) stays in the dashboard');
    const slots = planSlots({ entry: desired.entry, flow: canonical.flow, live: live.messages, baseUrl: input.slots.baseUrl });
    changes.push(...slots.changes);
    notes.push(...slots.notes);
    problems.push(...slots.problems);
  } else if (!input.flowsSupported || flow === null) {
    notes.push('the provider cannot store call flows: only the number settings are compared and applied');
  } else {
    const published = flow.published;
    liveFlow = published ? (readFlowDocument(published.document) ?? null) : null;
    if (published && !liveFlow) {
      notes.push(`live flow v${published.version} was not written by this version of callflow; it will be replaced as a whole`);
    }
    changes.push(...diffFlows(liveFlow, canonical.flow), ...uploads(liveFlow, canonical.flow, input.audioSize));
    const orphan = orphanDraft(flow);
    if (orphan) changes.push(orphan);
    if (!published) action = 'create-flow';
  }
  if (action === 'update' && changes.length === 0) action = 'none';
  const edit = action === 'none' ? undefined : outsideEditOf(live, input.lastWrite);

  return {
    plan: { ...base(canonical, live.id), action, changes, live: liveBlock(live), notes, ...(edit ? { outsideEdit: edit } : {}) },
    problems: liveFlow ? [...problems, ...ivrWarnings(desired, liveFlow)] : problems,
  };
}

/**
 * A draft above the published version is what an apply killed between writing and publishing
 * leaves (or an edit never published). Left alone it would sit there forever; listing it as a
 * change makes apply publish a new version over it, and the reviewer sees why.
 */
function orphanDraft(flow: NonNullable<LiveNumber['flow']>): Change | undefined {
  const { draft, published } = flow;
  if (!draft || draft.version <= (published?.version ?? 0)) return undefined;
  return {
    kind: 'draft-superseded',
    version: draft.version,
    published: published?.version ?? null,
    ...(draft.createdAt ? { createdAt: draft.createdAt } : {}),
    ...(draft.author ? { author: draft.author } : {}),
  };
}

/** "Objects have changed outside of callflow": only said of a number the plan would overwrite. */
function outsideEditOf(live: LiveNumber, lastWrite: LastWrite | undefined): OutsideEdit | undefined {
  const provenance = provenanceOf(live, lastWrite);
  if (provenance.kind !== 'outside') return undefined;
  const { kind: _kind, ...edit } = provenance;
  return edit;
}

function base(canonical: CanonicalNumber, liveId: string | null) {
  return {
    number: canonical.number,
    name: canonical.settings.name,
    file: canonical.file,
    liveId,
    desired: { settings: canonical.settings, flow: canonical.flow as Record<string, unknown> },
  };
}

function unmanagedPlan(live: LiveNumber | LiveNumberSummary): NumberPlan {
  return {
    number: live.number,
    name: live.name,
    file: null,
    liveId: live.id,
    action: 'unmanaged',
    changes: [],
    desired: null,
    live: 'messages' in live ? liveBlock(live) : { settings: { name: live.name, timezone: live.timezone, language: null }, publishedVersion: null, latestVersion: null, flow: null },
    notes: [],
  };
}

export function liveBlock(live: LiveNumber): NonNullable<NumberPlan['live']> {
  return {
    settings: { name: live.name, timezone: live.timezone, language: live.language ?? null },
    publishedVersion: live.flow?.published?.version ?? null,
    latestVersion: live.flow?.latestVersion ?? null,
    flow: live.flow?.published?.document ?? null,
    // Without flows, the slots are what a plan compares; with them, slots are not read (and the hash stays as it was).
    ...(live.flow === null ? { messages: sortedMessages(live.messages) } : {}),
  };
}

function sortedMessages(messages: LiveNumber['messages']): Record<string, string | null> {
  return Object.fromEntries(Object.entries(messages).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b))) as Record<string, string | null>;
}

function settingChanges(live: LiveNumber, desired: NumberSettings): Change[] {
  const changes: Change[] = [];
  if (live.name !== desired.name) changes.push({ kind: 'setting', field: 'name', before: live.name, after: desired.name });
  if (live.timezone !== desired.timezone) changes.push({ kind: 'setting', field: 'timezone', before: live.timezone, after: desired.timezone });
  // A provider that does not report a language cannot drift on it; comparing would show a change forever.
  if (live.language !== undefined && live.language !== desired.language) {
    changes.push({ kind: 'setting', field: 'language', before: live.language, after: desired.language });
  }
  return changes;
}

/** Files the desired flow plays that the live flow does not: apply uploads those it lacks. */
function uploads(live: CanonicalFlowDocument | null, desired: CanonicalFlowDocument, size?: (path: string) => number | undefined): Change[] {
  const present = new Set(live ? audioOfFlow(live).map(audioIdentity) : []);
  return audioOfFlow(desired)
    .filter((audio) => !present.has(audioIdentity(audio)))
    .map((audio) => {
      const bytes = size?.(audio.path);
      return { kind: 'audio-upload' as const, path: audio.path, ...(audio.sha256 ? { sha256: audio.sha256 } : {}), ...(bytes !== undefined ? { size: bytes } : {}) };
    });
}

/** "Changing IVR options (a key added, removed, or leading elsewhere) without changing the prompt is a warning." */
function ivrWarnings(desired: DesiredNumber, live: CanonicalFlowDocument): Problem[] {
  const problems: Problem[] = [];
  for (const [name, step] of Object.entries(desired.canonical.flow.steps)) {
    const was = own(live.steps, name);
    if (step.type !== 'ivr' || was?.type !== 'ivr' || !sameSlot(was.prompt, step.prompt)) continue;
    const before = Object.keys(was.options);
    const after = Object.keys(step.options);
    const added = after.filter((key) => !before.includes(key));
    const removed = before.filter((key) => !after.includes(key));
    const moved = after.filter((key) => before.includes(key) && was.options[key] !== step.options[key]);
    if (added.length === 0 && removed.length === 0 && moved.length === 0) continue;
    const what = [
      added.length ? `adds ${keys(added)}` : '',
      removed.length ? `removes ${keys(removed)}` : '',
      moved.length ? `leads ${moved.map((key) => `"${key}" to ${step.options[key]} (was ${was.options[key]})`).join(', ')}` : '',
    ].filter(Boolean).join(' and ');
    problems.push(
      problemAt(desired.entry, ['flow', 'steps', name, 'options'], 'warning', 'plan/ivr-options-without-prompt', `ivr "${name}" ${what} but its prompt is the same as live`, {
        key: true,
        hint: 'change the prompt too, so callers hear the keys they can press and where they lead',
      }),
    );
  }
  return problems;
}

const keys = (list: string[]) => `option${list.length > 1 ? 's' : ''} ${list.map((k) => `"${k}"`).join(', ')}`;
