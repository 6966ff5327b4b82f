/**
 * The drift issue (pure): one open issue while drift lasts, found by a hidden marker, its body
 * carrying a hidden state (first seen, checks counted) that the next check reads back. What to
 * do with the issue — open, update, close with a comment — is decided here as a value; a GitHub
 * adapter carries it out.
 */
import { inline, renderDriftMarkdown } from './render-markdown.js';
import type { DriftReport } from './report.js';
import { plural } from '../report/plural.js';

export const DRIFT_ISSUE_MARKER = '<!-- callflow-drift -->';
/** GitHub refuses issue bodies longer than this. */
export const GITHUB_BODY_LIMIT = 65_536;

const STATE = /<!-- callflow-drift-state (\{.*?\}) -->/;

export interface DriftIssueState {
  /** When this spell of drift was first seen (ISO). */
  firstSeen: string;
  /** Checks that found drift since then, this one included. */
  checks: number;
}

export type DriftIssueAction =
  | { kind: 'open'; title: string; body: string; labels: string[] }
  | { kind: 'update'; title: string; body: string }
  | { kind: 'close'; comment: string }
  | { kind: 'none' };

export interface DriftIssueInput {
  report: DriftReport;
  /** The open issue with the marker, if there is one. */
  open: { body: string } | null;
  /** `github.driftLabel` (default callflow-drift). */
  label: string;
  /** Where the run can be seen (an Actions run URL), said in the body. */
  runUrl?: string;
  /** With `drift.adopt: pr`: the pull request that adopts the live version, or why there is none. */
  adoption?: DriftIssueAdoption;
}

export type DriftIssueAdoption = { kind: 'pull-request'; number: number; url: string } | { kind: 'failed'; reason: string };

export function driftIssueAction(input: DriftIssueInput): DriftIssueAction {
  const { report, open } = input;
  const previous = open ? readDriftIssueState(open.body) : undefined;
  if (report.inSync) {
    if (!open) return { kind: 'none' };
    const spell = previous ? ` Drift was first seen ${previous.firstSeen} and found by ${plural(previous.checks, 'check')}.` : '';
    return { kind: 'close', comment: `Live matches Git again (checked ${report.checkedAt}).${spell}` };
  }
  const state: DriftIssueState = previous ? { firstSeen: previous.firstSeen, checks: previous.checks + 1 } : { firstSeen: report.checkedAt, checks: 1 };
  const body = renderDriftIssueBody(report, state, input.runUrl, input.adoption);
  const title = driftIssueTitle(report);
  return open ? { kind: 'update', title, body } : { kind: 'open', title, body, labels: [input.label] };
}

export function driftIssueTitle(report: DriftReport): string {
  const count = report.summary.drifted + report.summary.notInAccount;
  return `callflow drift: ${plural(count, 'number')} ${count === 1 ? 'differs' : 'differ'} from Git`;
}

export function renderDriftIssueBody(report: DriftReport, state: DriftIssueState, runUrl?: string, adoption?: DriftIssueAdoption): string {
  const head = [
    DRIFT_ISSUE_MARKER,
    `<!-- callflow-drift-state ${JSON.stringify(state)} -->`,
    `**First seen** ${state.firstSeen} · **checks while drifted** ${state.checks} · **last check** ${report.checkedAt}${runUrl ? ` ([run](${runUrl}))` : ''}`,
    '',
  ].join('\n');
  const resolve = [
    '',
    '#### Resolve it',
    "- **Restore Git's version**: run `callflow apply --doit` from main (or re-run the apply workflow).",
    keepLive(adoption),
    '',
    'This issue is updated by every scheduled drift check and closed when live matches Git again.',
  ].join('\n');
  const room = GITHUB_BODY_LIMIT - head.length - resolve.length - 100;
  return `${head}${renderDriftMarkdown(report, { heading: '### Live numbers differ from Git', maxChars: room }).trimEnd()}\n${resolve}\n`;
}

function keepLive(adoption: DriftIssueAdoption | undefined): string {
  const byHand = 'run `callflow drift --adopt` on a branch, review the diff, open a pull request.';
  if (!adoption) return `- **Keep the live version**: ${byHand}`;
  if (adoption.kind === 'failed') return `- **Keep the live version**: callflow could not open its pull request (${inline(adoption.reason)}); ${byHand}`;
  return `- **Keep the live version**: review and merge [#${adoption.number}](${adoption.url}), which writes it into the config (rebuilt by every check while drift lasts).`;
}

/** The hidden state of a previous body; undefined when it has none or it is damaged. */
export function readDriftIssueState(body: string): DriftIssueState | undefined {
  const found = STATE.exec(body);
  if (!found) return undefined;
  try {
    const value = JSON.parse(found[1]!) as Partial<DriftIssueState>;
    if (typeof value.firstSeen !== 'string' || Number.isNaN(Date.parse(value.firstSeen))) return undefined;
    if (!Number.isInteger(value.checks) || value.checks! < 0) return undefined;
    return { firstSeen: value.firstSeen, checks: value.checks! };
  } catch {
    return undefined;
  }
}

/** True when an issue body is callflow's drift issue. */
export function isDriftIssue(body: string | null | undefined): boolean {
  return Boolean(body?.includes(DRIFT_ISSUE_MARKER));
}

