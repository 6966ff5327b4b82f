import { hostname } from 'node:os';
import { escapeControls } from '../model/excerpt.js';
import { currentCommit, whoIsApplying } from '../apply/journal.js';
import { parsePlan, renderPlanText, type Plan } from '../plan/index.js';
import { applyAsDeployment, isDeployRun } from '../github/deploy-run.js';
import { openGitHub } from '../github/session.js';
import { appliedWithFailures, applyRepo, type ApplyOptions, type ApplyOutcome } from '../pipeline/index.js';
import { CommandError, parseCommandArgs, pickFormat, UsageError } from './args.js';
import { renderApplyReport } from './apply-report.js';
import { readUserFile } from './files.js';
import { EXIT, type CliIo } from './io.js';
import { cliParts } from './parts.js';
import { printValidationFailure } from './print-validation.js';

export const usage = `Usage: callflow apply [--doit] [--plan FILE] [--force] [--break-lock] [--format text|json]

Dry run unless --doit: prints the plan and what would be written.
--plan FILE  apply that saved plan; refused, nothing written, if any of its numbers moved live since,
             or if it is not exactly the plan the repo and the account give now (edited, or the repo changed).
--force      go past the safety thresholds (safety.maxChangedPercent, removing a whole flow) and,
             in GitHub Actions, overwrite numbers that changed live since the reviewed plan.
--break-lock take the apply lock from whoever holds it (shown when apply is refused); a lock whose
             holder ran on this host and is gone is taken over without it.
In a GitHub Actions push or manual run, --doit records a deployment and comments the result
on the merged pull request, holding back numbers that changed live since its reviewed plan.
Ctrl-C or SIGTERM stops before the next write and releases the lock; a second one quits at once.
Exit 0 applied or nothing to do, 1 on any error, refusal, interruption or failed number.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, { doit: { type: 'boolean' }, plan: { type: 'string' }, force: { type: 'boolean' }, 'break-lock': { type: 'boolean' } });
  const format = pickFormat(values.format, ['text', 'json'] as const, 'text');
  if (values.plan === '') throw new UsageError('--plan needs a file name');
  const reviewed = values.plan === undefined ? undefined : await readReviewedPlan(io, values.plan);
  const parts = cliParts(values, io);
  const github = await openGitHub(io.env, parts.logger);
  if (github.kind === 'invalid') throw new CommandError(github.error);

  // Ctrl-C or a cancelled CI job: stop before the next write, release the lock, say so.
  const interrupt = new AbortController();
  const unsubscribe = io.onInterrupt?.((signal) => interrupt.abort(signal)) ?? (() => undefined);
  try {
    const options: ApplyOptions = {
      doit: values.doit ?? false,
      force: values.force ?? false,
      ...(values['break-lock'] ? { breakLock: true } : {}),
      signal: interrupt.signal,
      ...(reviewed ? { reviewed } : {}),
      actor: { who: whoIsApplying(io.env), host: hostname(), pid: process.pid, commit: () => currentCommit(parts.root, io.env) },
    };
    if (github.kind !== 'actions' || !options.doit || !isDeployRun(github)) return show(await applyRepo(parts, options), format, io);

    const deployed = await applyAsDeployment(github, { force: options.force }, (beforeApply) => applyRepo(parts, { ...options, beforeApply }));
    const code = deployed.outcome ? show(deployed.outcome, format, io) : EXIT.error;
    for (const line of deployed.lines) io.stderr(line);
    if (deployed.error) {
      io.stderr(`callflow apply: ${deployed.error}`);
      return EXIT.error;
    }
    return code;
  } finally {
    unsubscribe();
  }
}

async function readReviewedPlan(io: CliIo, path: string): Promise<Plan> {
  const parsed = parsePlan(await readUserFile(io, path));
  if (!parsed.ok) throw new CommandError(`${path}: ${parsed.error}`);
  return parsed.plan;
}

function show(outcome: ApplyOutcome, format: 'text' | 'json', io: CliIo): number {
  if (outcome.kind === 'invalid') return printValidationFailure(outcome.validation, io);
  if (outcome.kind === 'moved') {
    io.stderr(`callflow apply: refused, live changed since the plan was made; re-run plan:\n${outcome.moves.map((m) => `  ${escapeControls(m.number)}: ${escapeControls(m.reason)}`).join('\n')}`);
    return EXIT.error;
  }
  if (outcome.kind === 'not-as-reviewed') {
    io.stderr(escapeControls(`callflow apply: refused, the saved plan differs from the plan made now (${outcome.differences.join('; ')}): the repo or the account changed since, or the file was edited; nothing was written, re-run plan`));
    return EXIT.error;
  }
  if (format === 'text') io.stdout(renderPlanText(outcome.plan, { color: io.isTTY, ...(outcome.sources ? { sources: outcome.sources } : {}) }));
  switch (outcome.kind) {
    case 'plan-errors':
      io.stderr('callflow apply: the plan has errors (above); nothing was applied');
      return EXIT.error;
    case 'unsafe':
      io.stderr(`callflow apply: refused by the safety checks; nothing was applied:\n${outcome.reasons.map((r) => `  - ${r}`).join('\n')}`);
      return EXIT.error;
    case 'nothing-to-do': {
      const why = outcome.alreadyApplied ? 'the account already has what this plan asks for (it was applied since it was made)' : 'the account already matches the repo';
      if (format === 'json') io.stdout(JSON.stringify({ applied: false, reason: 'nothing to do', ...(outcome.alreadyApplied ? { alreadyApplied: true } : {}), results: [] }, null, 2));
      else io.stdout(`Nothing to do: ${why}; nothing was written.`);
      return EXIT.ok;
    }
    case 'dry-run':
      if (format === 'json') io.stdout(JSON.stringify({ applied: false, reason: 'dry run', checksum: outcome.plan.checksum }, null, 2));
      else io.stdout('Dry run: nothing was written. Re-run with --doit to apply.');
      return EXIT.ok;
    case 'applied': {
      const { report } = outcome;
      if (format === 'json') io.stdout(JSON.stringify({ applied: !report.refused, ...report }, null, 2));
      else io.stdout(renderApplyReport(report));
      if (report.stopped) {
        const applied = report.results.filter((r) => r.status === 'applied').length;
        io.stderr(escapeControls(`callflow apply: stopped (${report.stopped}): ${applied} of ${report.results.length} numbers applied, the rest not attempted; the apply lock was released`));
      }
      return appliedWithFailures(report) ? EXIT.error : EXIT.ok;
    }
  }
}
