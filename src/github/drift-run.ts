/**
 * `callflow drift` in GitHub Actions: the report goes to the job summary in any run; in a
 * scheduled or manual run, the one drift issue is kept up to date and, with `drift.adopt: pr`,
 * the pull request that adopts the live version (linked from the issue). Returns what it did
 * as lines to print and, when something could not be done, one line why.
 */
import { isAbsolute, posix, relative, sep } from 'node:path';
import type { AdoptResult } from '../drift/adopt.js';
import type { DriftIssueAdoption } from '../drift/issue.js';
import { renderDriftMarkdown } from '../drift/render-markdown.js';
import type { DriftReport } from '../drift/report.js';
import { keepAdoptPullRequest, type AdoptPullRequestOutcome } from './adopt-pull-request.js';
import type { FileToCommit } from './branch-commit.js';
import { branchOf, commitUrl, type ActionsContext } from './context.js';
import { keepDriftIssue } from './drift-issue.js';
import { GitHubError } from './errors.js';
import { appendJobSummary } from './job-summary.js';
import type { IssueOutcome } from './labelled-issue.js';
import { noTokenError, type ActionsRun } from './session.js';

/** Events whose drift check keeps the issue (and the adopt pull request). */
const DRIFT_EVENTS = new Set(['schedule', 'workflow_dispatch']);
/** Characters of the report in the job summary: under its 1 MiB even at 3 bytes a character. */
const SUMMARY_CHARS = 300_000;

/** What `drift.adopt: pr` has to propose: the live version as files, or why it could not be read. */
export type Adoption = { kind: 'files'; result: AdoptResult; files: readonly FileToCommit[] } | { kind: 'unavailable'; reason: string };

export interface DriftRunInput {
  report: DriftReport;
  /** `github.driftLabel`. */
  label: string;
  /** Where the config was read (the files' paths are relative to it). */
  root: string;
  /** Set when `drift.adopt` is `pr`. */
  adoption?: Adoption;
}

export interface DriftPublished {
  lines: string[];
  /** What could not be done, as one line. */
  error?: string;
}

export function isDriftRun(run: ActionsRun): boolean {
  return DRIFT_EVENTS.has(run.context.eventName);
}

export async function publishDrift(run: ActionsRun, input: DriftRunInput): Promise<DriftPublished> {
  const lines: string[] = [];
  const errors: string[] = [];
  const links: string[] = [];
  if (isDriftRun(run)) await keepIssueAndPullRequest(run, input, { lines, errors, links });

  const { stepSummaryPath } = run.context;
  if (stepSummaryPath) {
    const report = renderDriftMarkdown(input.report, { heading: '## callflow drift', maxChars: SUMMARY_CHARS });
    const written = await appendJobSummary(stepSummaryPath, [report.trimEnd(), ...(links.length ? ['', ...links] : [])].join('\n'));
    if (written.ok) lines.push('Wrote the drift report to the job summary.');
    else errors.push(written.error);
  }
  return errors.length ? { lines, error: errors.join('; ') } : { lines };
}

interface Told {
  lines: string[];
  errors: string[];
  /** Markdown lines for the job summary. */
  links: string[];
}

async function keepIssueAndPullRequest(run: ActionsRun, input: DriftRunInput, told: Told): Promise<void> {
  const { port, context } = run;
  if (!port) {
    told.errors.push(noTokenError('keep the drift issue'));
    return;
  }
  let adoption: DriftIssueAdoption | undefined;
  if (input.adoption) {
    const pr = await adoptPullRequest(run, input, input.adoption);
    if (pr.ok) {
      adoption = tell(pr.value, told);
    } else {
      told.errors.push(`drift.adopt: pr: ${pr.error}`);
      adoption = { kind: 'failed', reason: pr.error };
    }
  }
  const issue = await tryGitHub(() => keepDriftIssue(port, { report: input.report, label: input.label, runUrl: context.runUrl, ...(adoption ? { adoption } : {}) }));
  if (!issue.ok) told.errors.push(issue.error);
  else tellIssue(issue.value, told);
}

async function adoptPullRequest(run: ActionsRun, input: DriftRunInput, adoption: Adoption): Promise<Tried<AdoptPullRequestOutcome>> {
  const { context } = run;
  if (adoption.kind === 'unavailable') return { ok: false, error: `the live version could not be read: ${adoption.reason}` };
  const branch = branchOf(context);
  if (!branch) return { ok: false, error: `a pull request needs a run on a branch (GITHUB_REF is ${context.ref})` };
  const prefix = configPrefix(context, input.root);
  if (prefix === undefined) return { ok: false, error: `the config root ${input.root} is outside GITHUB_WORKSPACE (${context.workspace})` };
  const inRepo = (path: string) => (prefix ? posix.join(prefix, path) : path);
  return tryGitHub(() =>
    keepAdoptPullRequest(run.port!, {
      report: input.report,
      result: adoption.result,
      files: adoption.files.map((f) => ({ path: inRepo(f.path), content: f.content })),
      inRepo,
      base: { branch, sha: context.sha },
      links: { commit: commitUrl(context, context.sha), run: context.runUrl },
    }),
  );
}

/** Where the config root sits in the repository checked out at GITHUB_WORKSPACE: '' at its top, undefined outside it. */
function configPrefix(context: ActionsContext, root: string): string | undefined {
  if (!context.workspace) return '';
  const path = relative(context.workspace, root);
  if (path.startsWith('..') || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}

function tell(outcome: AdoptPullRequestOutcome, told: Told): DriftIssueAdoption | undefined {
  if (outcome.action === 'none') return undefined;
  const { number, htmlUrl } = outcome.pullRequest;
  if (outcome.action === 'closed') {
    told.lines.push(`Closed pull request #${number}: nothing left to adopt: ${htmlUrl}`);
    told.links.push(`Closed the adopt pull request [#${number}](${htmlUrl}): nothing left to adopt.`);
    return undefined;
  }
  const what = outcome.action === 'opened' ? 'Opened' : outcome.branch === 'unchanged' ? 'Kept (same live version)' : 'Updated';
  told.lines.push(`${what} pull request #${number} with the live version: ${htmlUrl}`);
  told.links.push(`${what} the pull request that adopts the live version: [#${number}](${htmlUrl}).`);
  return { kind: 'pull-request', number, url: htmlUrl };
}

function tellIssue(outcome: IssueOutcome, told: Told): void {
  if (outcome.action === 'none') return;
  const { number, htmlUrl } = outcome.issue;
  const what = { opened: 'Opened', updated: 'Updated', closed: 'Closed' }[outcome.action];
  told.lines.push(`${what} drift issue #${number}: ${htmlUrl}`);
  told.links.push(`${what} the drift issue [#${number}](${htmlUrl}).`);
}

type Tried<T> = { ok: true; value: T } | { ok: false; error: string };

/** GitHub's refusals as data; anything else is a bug and propagates. */
async function tryGitHub<T>(run: () => Promise<T>): Promise<Tried<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof GitHubError) return { ok: false, error: error.message };
    throw error;
  }
}
