import type { AdoptResult } from '../drift/adopt.js';
import { renderDriftJson } from '../drift/render-json.js';
import { renderDriftMarkdown } from '../drift/render-markdown.js';
import { renderDriftText } from '../drift/render-text.js';
import type { DriftReport } from '../drift/report.js';
import { isDriftRun, publishDrift, type Adoption } from '../github/drift-run.js';
import { openGitHub } from '../github/session.js';
import { adoptDrift, detectDrift, readSettings, type AdoptOutcome, type PipelineParts, type ValidateResult } from '../pipeline/index.js';
import { CommandError, parseCommandArgs, pickFormat } from './args.js';
import { EXIT, type CliIo } from './io.js';
import { cliParts } from './parts.js';
import { printValidationFailure } from './print-validation.js';
import { plural } from '../report/plural.js';

export const usage = `Usage: callflow drift [--format text|markdown|json] [--adopt]

Compares the config at the checkout with the live numbers, by content (audio by sha256, not by
URL or path), and prints per number what differs, with who changed it and when where the
provider or the local journal (.callflow/journal.jsonl) knows.
--adopt  write the live version of every drifted number into its config file (steps live did
         not change, comments and flow tests are kept; new audio goes to audio/adopted/), so
         the change can be reviewed in a pull request. The account is only read.
In GitHub Actions it also writes the job summary; in a scheduled or manual run it keeps one
issue (label github.driftLabel) open while drift lasts and, with drift.adopt: pr, a pull
request from the branch callflow/adopt-drift with the live version (see README, GitHub).
Exit 0 in sync (or every drifted number adopted with --adopt), 2 drift, 1 on error.`;

interface GitHubDrift {
  label: string;
  /** `drift.adopt: pr` in a scheduled or manual run. */
  adoptPr: boolean;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, { adopt: { type: 'boolean' } });
  const format = pickFormat(values.format, ['text', 'markdown', 'json'] as const, 'text');
  const parts = cliParts(values, io);
  const github = await openGitHub(io.env, parts.logger);
  if (github.kind === 'invalid') throw new CommandError(github.error);
  const settings = github.kind === 'actions' ? await githubSettings(parts, isDriftRun(github)) : undefined;

  const checked = await check(parts, { adoptHere: values.adopt ?? false, adoptPr: settings?.adoptPr ?? false });
  if (checked.kind === 'invalid') return printValidationFailure(checked.validation, io);
  print(checked.report, format, io, checked.adoptedHere);
  if (github.kind !== 'actions' || !settings) return checked.code;

  const published = await publishDrift(github, { report: checked.report, label: settings.label, root: parts.root, ...(checked.adoption ? { adoption: checked.adoption } : {}) });
  for (const line of published.lines) io.stderr(line);
  if (published.error) {
    io.stderr(`callflow drift: ${published.error}`);
    return EXIT.error;
  }
  return checked.code;
}

type Checked =
  | { kind: 'invalid'; validation: ValidateResult }
  | { kind: 'checked'; report: DriftReport; code: number; adoptedHere?: AdoptResult; adoption?: Adoption };

/** One read of the account: the drift report and, when asked, the live version as files (`--adopt` writes them here). */
async function check(parts: PipelineParts, adopt: { adoptHere: boolean; adoptPr: boolean }): Promise<Checked> {
  if (!adopt.adoptHere && !adopt.adoptPr) {
    const outcome = await detectDrift(parts);
    if (outcome.kind === 'invalid') return outcome;
    return { kind: 'checked', report: outcome.report, code: outcome.report.inSync ? EXIT.ok : EXIT.changes };
  }
  const outcome = await adoptDrift(parts, { write: adopt.adoptHere });
  if (outcome.kind === 'invalid') return outcome;
  if (outcome.kind === 'audio-unavailable' && adopt.adoptHere) throw new CommandError(`--adopt: nothing written: ${outcome.reason}`);
  const adoption = adopt.adoptPr ? adoptionOf(outcome) : undefined;
  if (!adopt.adoptHere || outcome.kind !== 'adopted') return { kind: 'checked', report: outcome.report, code: outcome.report.inSync ? EXIT.ok : EXIT.changes, ...(adoption ? { adoption } : {}) };
  // --adopt: every drifted number now written as live has it is success.
  const code = outcome.result.skipped.length ? EXIT.changes : EXIT.ok;
  return { kind: 'checked', report: outcome.report, code, adoptedHere: outcome.result, ...(adoption ? { adoption } : {}) };
}

/** The settings the GitHub face needs; read before the check so `drift.adopt: pr` can fetch the live version in the same read. */
async function githubSettings(parts: PipelineParts, driftRun: boolean): Promise<GitHubDrift | undefined> {
  const read = await readSettings(parts);
  // A broken settings file is reported by the check itself (exit 1, nothing published).
  if (read.kind === 'invalid') return undefined;
  return { label: read.settings.github.driftLabel, adoptPr: driftRun && read.settings.drift.adopt === 'pr' };
}

function adoptionOf(outcome: Exclude<AdoptOutcome, { kind: 'invalid' }>): Adoption {
  if (outcome.kind === 'audio-unavailable') return { kind: 'unavailable', reason: outcome.reason };
  return { kind: 'files', result: outcome.result, files: outcome.files };
}

function print(report: DriftReport, format: 'text' | 'markdown' | 'json', io: CliIo, adopted?: AdoptResult): void {
  if (format === 'json') {
    io.stdout(adopted ? JSON.stringify({ ...report, adopted: adopted.adopted, skipped: adopted.skipped, files: [...adopted.files.map((f) => f.path), ...adopted.audio.map((a) => a.path)], notes: adopted.notes }, null, 2) : renderDriftJson(report));
    return;
  }
  io.stdout(format === 'markdown' ? renderDriftMarkdown(report) : renderDriftText(report, { color: io.isTTY }));
  if (adopted && !report.inSync) io.stdout(adoptText(adopted));
}

function adoptText(result: AdoptResult): string {
  const lines = result.adopted.map((a) => `adopted ${a.number} → ${a.file}`);
  for (const audio of result.audio) lines.push(`audio ${audio.path} (from live, sha256 ${audio.sha256.slice(0, 12)}…)`);
  for (const file of result.files.filter((f) => !result.adopted.some((a) => a.file === f.path))) lines.push(`wrote ${file.path}`);
  for (const skip of result.skipped) lines.push(`not adopted ${skip.number}: ${skip.reason}`);
  for (const note of result.notes) lines.push(`note: ${note}`);
  lines.push(`Adopted the live version of ${plural(result.adopted.length, 'number')} into the config: review with \`git diff\`, run \`callflow validate\`, and open a pull request.`);
  return lines.join('\n');
}
