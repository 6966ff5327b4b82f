import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { applyPlan, type ApplyReport } from '../apply/apply-plan.js';
import { appendJournal, currentCommit, whoIsApplying } from '../apply/journal.js';
import { makePlan } from '../apply/make-plan.js';
import { createLogger } from '../logging.js';
import { checkPlanSafety, hasChanges, liveMovesSince, parsePlan, renderPlanText, type Plan } from '../plan/index.js';
import { parseCommandArgs, pickFormat, resolveLocations } from './args.js';
import { validationChecks } from './checks.js';
import { EXIT, type CliIo } from './io.js';
import { printValidationFailure } from './print-validation.js';

export const usage = `Usage: callflow apply [--doit] [--plan FILE] [--force] [--format text|json]

Dry run unless --doit: prints the plan and what would be written.
--plan FILE  apply that saved plan; refused, nothing written, if any of its numbers moved live since.
--force      go past the safety thresholds (safety.maxChangedPercent, removing a whole flow).
Exit 0 applied or nothing to do, 1 on any error, refusal or failed number.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, { doit: { type: 'boolean' }, plan: { type: 'string' }, force: { type: 'boolean' } });
  const format = pickFormat(values.format, ['text', 'json'] as const, 'text');
  const { root, configDir } = resolveLocations(values, io);
  const logger = createLogger({ level: values['log-level'], env: io.env });

  const saved = values.plan ? parsePlan(await readFile(resolve(io.cwd, values.plan), 'utf8')) : undefined;
  if (saved && !saved.ok) {
    io.stderr(`callflow apply: ${values.plan} is not a callflow plan: ${saved.error}`);
    return EXIT.error;
  }
  const result = await makePlan({ root, configDir, env: io.env, logger, checks: validationChecks(io) });
  if (!result.ok) return printValidationFailure(result.validation, io);
  const { provider, live } = result;
  try {
    const plan: Plan = saved?.ok ? saved.plan : result.plan;
    if (saved?.ok) {
      const moved = liveMovesSince(plan, live);
      if (moved.length) {
        io.stderr(`callflow apply: refused, live changed since the plan was made; re-run plan:\n${moved.map((m) => `  ${m.number}: ${m.reason}`).join('\n')}`);
        return EXIT.error;
      }
    }
    if (format === 'text') io.stdout(renderPlanText(plan, { color: io.isTTY }));
    if (plan.summary.errors > 0) {
      io.stderr('callflow apply: the plan has errors (above); nothing was applied');
      return EXIT.error;
    }
    const safety = checkPlanSafety(plan, result.validation.repo.settings.safety, { force: values.force ?? false });
    if (!safety.ok) {
      io.stderr(`callflow apply: refused by the safety checks; nothing was applied:\n${safety.reasons.map((r) => `  - ${r}`).join('\n')}`);
      return EXIT.error;
    }
    if (!hasChanges(plan)) {
      if (format === 'json') io.stdout(JSON.stringify({ applied: false, reason: 'nothing to do', results: [] }, null, 2));
      return EXIT.ok;
    }
    if (!values.doit) {
      if (format === 'json') io.stdout(JSON.stringify({ applied: false, reason: 'dry run', checksum: plan.checksum }, null, 2));
      else io.stdout('Dry run: nothing was written. Re-run with --doit to apply.');
      return EXIT.ok;
    }
    const who = whoIsApplying(io.env);
    const report = await applyPlan({ plan, provider, root, owner: `${who}@${hostname()} pid ${process.pid}`, logger });
    await appendJournal(root, {
      at: new Date().toISOString(),
      who,
      commit: await currentCommit(root, io.env),
      planChecksum: plan.checksum,
      provider: provider.name,
      dryRun: false,
      results: report.results.map((r) => ({ number: r.number, status: r.status, ...(r.detail ? { detail: r.detail } : {}), ...(r.publishedVersion !== undefined ? { publishedVersion: r.publishedVersion } : {}) })),
    });
    if (format === 'json') io.stdout(JSON.stringify({ applied: !report.refused, ...report }, null, 2));
    else io.stdout(renderApplyReport(report));
    return report.refused || report.results.some((r) => r.status !== 'applied') || report.uploads.failed.length ? EXIT.error : EXIT.ok;
  } finally {
    await provider.close();
  }
}

function renderApplyReport(report: ApplyReport): string {
  if (report.refused) return `Refused: ${report.refused}. Nothing was applied.`;
  const lines = report.results.map((r) => {
    const mark = r.status === 'applied' ? '✓' : r.status === 'refused' ? '!' : '✗';
    const version = r.publishedVersion !== undefined ? ` (published version ${r.publishedVersion})` : '';
    return `${mark} ${r.number} ${r.name}: ${r.status}${version}${r.detail ? ` — ${r.detail}` : ''}`;
  });
  const applied = report.results.filter((r) => r.status === 'applied').length;
  const { uploaded, alreadyThere, failed } = report.uploads;
  lines.push(`Applied ${applied} of ${report.results.length} numbers; audio: ${uploaded} uploaded, ${alreadyThere} already there${failed.length ? `, ${failed.length} failed` : ''}.`);
  if (applied < report.results.length) lines.push('Re-run apply to retry what is left (re-run plan first for refused numbers).');
  return lines.join('\n');
}
