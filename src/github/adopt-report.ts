/**
 * The pull request that adopts drift (pure): its title and body — which numbers take their live
 * version into which file, what else was written, what could not be adopted — and the comment
 * that closes it when nothing is left to adopt.
 */
import type { AdoptResult } from '../drift/adopt.js';
import { describeCause } from '../drift/describe-cause.js';
import { GITHUB_BODY_LIMIT } from '../drift/issue.js';
import type { DriftReport } from '../drift/report.js';
import { inline, plural, shortSha } from './markdown.js';

export const ADOPT_BRANCH = 'callflow/adopt-drift';
export const ADOPT_PR_MARKER = '<!-- callflow-adopt-drift -->';
/** Rows listed per list, fewer until the body fits GitHub's 65,536 characters. */
const LIST_LIMITS = [150, 50, 10];

export interface AdoptPullRequestInput {
  report: DriftReport;
  result: Pick<AdoptResult, 'adopted' | 'skipped' | 'notes' | 'files' | 'audio'>;
  /** Repo-relative path of a config-relative one (the config may sit below the repository root). */
  inRepo: (path: string) => string;
  commit: string;
  links: { commit: string; run: string };
}

export function adoptPullRequestTitle(input: Pick<AdoptPullRequestInput, 'result'>): string {
  return `callflow: adopt the live version of ${plural(input.result.adopted.length, 'number')}`;
}

export function renderAdoptPullRequest(input: AdoptPullRequestInput): string {
  for (const limit of LIST_LIMITS) {
    const body = renderWithLimit(input, limit);
    if (body.length <= GITHUB_BODY_LIMIT) return body;
  }
  // Only names thousands of characters long get here.
  return `${renderWithLimit(input, 0).slice(0, GITHUB_BODY_LIMIT - 200)}\n\n_Cut for length: run \`callflow drift\` to see everything._\n`;
}

function renderWithLimit(input: AdoptPullRequestInput, limit: number): string {
  const { report, result } = input;
  const byNumber = new Map(report.numbers.map((n) => [n.number, n]));
  const rows = result.adopted.slice(0, limit).map((a) => {
    const drift = byNumber.get(a.number);
    return `| \`${a.number}\` | ${inline(drift?.name ?? '')} | \`${inline(input.inRepo(a.file))}\` | ${drift ? inline(describeCause(drift.cause)) : ''} |`;
  });
  const adoptedFiles = new Set(result.adopted.map((a) => a.file));
  const others = [...result.files.map((f) => f.path).filter((path) => !adoptedFiles.has(path)), ...result.audio.map((a) => a.path)];
  const out = [
    ADOPT_PR_MARKER,
    '## callflow: adopt the live version',
    '',
    'The drift check found numbers whose live version differs from Git. This pull request writes what is live into the config, so that Git matches live once it is merged. Nothing is written to the account.',
    '',
    '| Number | Name | File | Who / when |',
    '|---|---|---|---|',
    ...rows,
    ...more(result.adopted.length, limit, 'number'),
    '',
  ];
  if (others.length) out.push(`Also written (schedules, and audio fetched from the account by its sha256): ${others.slice(0, limit).map((p) => `\`${inline(input.inRepo(p))}\``).join(', ')}${others.length > limit ? ` and ${others.length - limit} more` : ''}.`, '');
  if (result.skipped.length) {
    out.push('Not adopted:', ...result.skipped.slice(0, limit).map((s) => `- \`${s.number}\`: ${inline(s.reason)}`), ...more(result.skipped.length, limit, 'number'), '');
  }
  for (const note of result.notes.slice(0, limit)) out.push(`> ${inline(note)}`, '');
  out.push(
    'Before merging, check that `callflow validate` and `callflow test` pass on this branch: a flow test may still describe the flow as Git had it.',
    '',
    `<sub>Made from [\`${shortSha(input.commit)}\`](${input.links.commit}) by [the drift check](${input.links.run}). callflow rebuilds the branch \`${ADOPT_BRANCH}\` on every check while drift lasts (commits pushed to it are replaced) and closes this pull request when nothing is left to adopt.</sub>`,
  );
  return `${out.join('\n')}\n`;
}

export function adoptClosingComment(report: DriftReport): string {
  return report.inSync
    ? `Live matches Git again (checked ${report.checkedAt}): nothing is left to adopt, so callflow closes this pull request.`
    : `None of the numbers that still differ can be adopted (checked ${report.checkedAt}; see the drift issue), so callflow closes this pull request.`;
}

function more(total: number, shown: number, word: string): string[] {
  return total > shown ? ['', `_… and ${plural(total - shown, word)} more._`] : [];
}
