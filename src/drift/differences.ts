/** What differs on one number, said from live's side and Git's side ("live: … · Git: …"). */
import { describeMessage, describeSlotValue, stepDetail, type Change, type NumberPlan } from '../plan/index.js';
import { readFlowDocument } from '../model/read-flow-document.js';
import { plural } from '../report/plural.js';

export interface Difference {
  /** The kind of plan change it comes from (`setting`, `message-changed`, …), or `flow`/`number` for a whole. */
  kind: string;
  /** Where in the number: `name`, `welcome.message`, `menu branch "1"`, `flow`. */
  where: string;
  live: string;
  git: string;
}

export function differencesOf(number: NumberPlan): Difference[] {
  const whole = wholeFlow(number);
  const changes = number.changes.filter((c) => c.kind !== 'audio-upload' && (!whole || c.kind === 'setting'));
  return [...changes.flatMap(differenceOf), ...(whole ? [whole] : [])];
}

/**
 * A live flow that is the platform default, or not in callflow's format, is one difference —
 * not one "step added" per step of Git's flow.
 */
function wholeFlow(number: NumberPlan): Difference | undefined {
  const steps = Object.keys((number.desired?.flow['steps'] as Record<string, unknown> | undefined) ?? {}).length;
  const git = `callflow flow of ${plural(steps, 'step')}`;
  if (number.action === 'create-flow') return { kind: 'flow', where: 'flow', live: "the platform's default flow", git };
  const version = number.live?.publishedVersion;
  if (number.live?.flow && !readFlowDocument(number.live.flow)) return { kind: 'flow', where: 'flow', live: `v${version ?? '?'} in a format callflow does not write`, git };
  return undefined;
}

function differenceOf(change: Change): Difference[] {
  switch (change.kind) {
    case 'setting':
      return [{ kind: change.kind, where: change.field, live: text(change.before), git: text(change.after) }];
    case 'start-changed':
      return [{ kind: change.kind, where: 'flow start', live: change.before ?? 'none', git: change.after }];
    case 'step-added':
      return [{ kind: change.kind, where: `step ${change.step}`, live: 'absent', git: `${change.after.type}${stepDetail(change.after, ': ')}` }];
    case 'step-removed':
      return [{ kind: change.kind, where: `step ${change.step}`, live: `${change.before.type}${stepDetail(change.before, ': ')}`, git: 'absent' }];
    case 'step-changed':
      return change.fields.map((f) => ({ kind: change.kind, where: `${change.step}.${f.field}`, live: value(f.before), git: value(f.after) }));
    case 'branch-rewired':
      return [{ kind: change.kind, where: `${change.step} branch "${change.branch}"`, live: change.before ?? 'none', git: change.after ?? 'none' }];
    case 'message-changed':
      return [{ kind: change.kind, where: `${change.step}.${change.slot}`, ...messages(change.before, change.after) }];
    case 'draft-superseded':
      return [{ kind: change.kind, where: 'flow draft', live: `unpublished draft v${change.version}`, git: 'none' }];
    case 'audio-upload':
      return [];
    case 'slot-changed':
      return [{ kind: change.kind, where: `slot ${change.slot}`, live: describeSlotValue(change.before), git: describeSlotValue(change.after) }];
  }
}

/** Two texts to speak that differ are shown whole: shortened, a change at the end of a long text would not show. */
function messages(live: Parameters<typeof describeMessage>[0], git: Parameters<typeof describeMessage>[0]): Pick<Difference, 'live' | 'git'> {
  const whole = live && git && 'tts' in live && 'tts' in git && live.tts !== git.tts;
  return { live: describeMessage(live, whole ? Infinity : undefined), git: describeMessage(git, whole ? Infinity : undefined) };
}

const text = (item: string | null) => (item === null ? 'none' : `"${item}"`);

function value(item: unknown): string {
  if (item === null || item === undefined) return 'none';
  if (typeof item === 'string') return `"${item}"`;
  return JSON.stringify(item);
}
