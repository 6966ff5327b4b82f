import { hasChanges, renderPlanJson, renderPlanMarkdown, renderPlanText, serialisePlan } from '../plan/index.js';
import { openGitHub } from '../github/session.js';
import { planForPullRequest, type PullRequestPlanOutcome } from '../github/pull-request-plan.js';
import { publishPlan } from '../github/publish-plan.js';
import { planRepo } from '../pipeline/index.js';
import { AuthError } from '../providers/errors.js';
import { CommandError, parseCommandArgs, pickFormat, UsageError } from './args.js';
import { checkWritableFile, writeUserFile } from './files.js';
import { EXIT, type CliIo } from './io.js';
import { cliParts } from './parts.js';
import { validationChecks } from './checks.js';
import type { FlowTestResult } from '../simulate/flow-tests.js';
import { printValidationFailure } from './print-validation.js';

export const usage = `Usage: callflow plan [--format text|markdown|json] [--out FILE] [--detailed-exitcode]

Validates the repo, reads the live numbers and prints what apply would change.
--out FILE saves the plan (JSON) for \`callflow apply --plan FILE\`.
In a GitHub Actions run it also writes the job summary and, for a pull request, the plan
comment (see README, GitHub); a pull request run without telephony credentials skips the live read.
Exit 0; with --detailed-exitcode: 0 no changes, 2 changes; 1 on error.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, { out: { type: 'string' }, 'detailed-exitcode': { type: 'boolean' } });
  const format = pickFormat(values.format, ['text', 'markdown', 'json'] as const, 'text');
  if (values.out === '') throw new UsageError('--out needs a file name');
  // Before the account is read: a plan that could not be saved is refused now, in one line.
  if (values.out) await checkWritableFile(io, values.out);

  // The pull request comment lists the flow tests validation ran: kept here, not run twice.
  const flowTests: { ran?: readonly FlowTestResult[] } = {};
  const parts = { ...cliParts(values, io), checks: validationChecks(io, (results) => (flowTests.ran = results)) };
  const github = await openGitHub(io.env, parts.logger);
  if (github.kind === 'invalid') throw new CommandError(github.error);
  const outcome = github.kind === 'actions' && github.context.pullRequest ? await planForPullRequest(parts, (error) => error instanceof AuthError) : await planRepo(parts);
  const code = await show(outcome, values, format, io);
  if (github.kind !== 'actions') return code;

  const published = await publishPlan(github, outcome, flowTests.ran);
  if (!published.ok) {
    io.stderr(`callflow plan: ${published.error}`);
    return EXIT.error;
  }
  for (const line of published.lines) io.stderr(line);
  return code;
}

async function show(outcome: PullRequestPlanOutcome, values: { out?: string | undefined; 'detailed-exitcode'?: boolean | undefined }, format: 'text' | 'markdown' | 'json', io: CliIo): Promise<number> {
  if (outcome.kind === 'invalid') return printValidationFailure(outcome.validation, io);
  if (outcome.kind === 'skipped') {
    io.stderr(`callflow plan: live read skipped: ${outcome.reason}`);
    return EXIT.ok;
  }
  const { plan } = outcome;

  if (values.out) await writeUserFile(io, values.out, serialisePlan(plan));
  if (format === 'json') io.stdout(renderPlanJson(plan));
  else if (format === 'markdown') io.stdout(renderPlanMarkdown(plan));
  else io.stdout(renderPlanText(plan, { color: io.isTTY, sources: outcome.validation.sources }));

  if (plan.summary.errors > 0) return EXIT.error;
  return values['detailed-exitcode'] && hasChanges(plan) ? EXIT.changes : EXIT.ok;
}
