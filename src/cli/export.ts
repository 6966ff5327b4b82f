import { resolve } from 'node:path';
import { exportAccount } from '../pipeline/index.js';
import { CommandError, parseCommandArgs, UsageError } from './args.js';
import { checkOutputDirectory } from './files.js';
import { EXIT, type CliIo } from './io.js';
import { cliParts } from './parts.js';
import { printValidationFailure } from './print-validation.js';
import { plural } from '../report/plural.js';

export const usage = `Usage: callflow export [--out DIR] [--numbers +33…,+44…]

Writes the live numbers of the account as a callflow repo: config/numbers/*.yaml (one file per
number), config/schedules/*.yaml, the mp3 files their flows play (fetched by content) and, when
DIR has none, config/callflow.yaml. The account is the one the checkout's config/callflow.yaml
(or CALLFLOW_PROVIDER / CALLFLOW_PROVIDER_URL) names.
  --out DIR        where to write (default: the current directory); never overwrites a file
                   with other content, and refuses a DIR that already has other number files
  --numbers LIST   only these numbers (E.164, comma-separated)
Numbers that still have the platform's default flow, or a flow callflow cannot read, are listed
and skipped. Exit 0 exported, 1 on error.`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, { out: { type: 'string' }, numbers: { type: 'string' } });
  if (values.out === '') throw new UsageError('--out needs a directory');
  const numbers = values.numbers?.split(',').map((n) => n.trim()).filter(Boolean);
  if (numbers && numbers.length === 0) throw new UsageError('--numbers needs at least one E.164 number');
  const parts = cliParts(values, io);
  const out = resolve(io.cwd, values.out ?? '.');
  // Before the account is read: a --out that can never hold the files fails now, writing nothing.
  await checkOutputDirectory(io, values.out ?? '.');

  const outcome = await exportAccount(parts, { out, ...(numbers ? { numbers } : {}) });
  switch (outcome.kind) {
    case 'invalid':
      return printValidationFailure(outcome.validation, io);
    case 'unknown-numbers':
      throw new CommandError(`not in the account: ${outcome.numbers.join(', ')}`);
    case 'conflicts':
      throw new CommandError(`refused, nothing written: ${out} already has ${outcome.paths.slice(0, 5).join(', ')}${outcome.paths.length > 5 ? ` and ${outcome.paths.length - 5} more` : ''}; export into an empty directory (--out DIR) or use \`callflow drift --adopt\` to update this repo`);
    case 'audio-unavailable':
      throw new CommandError(`refused, nothing written: ${outcome.reason}`);
    case 'outside':
      throw new CommandError(`refused, nothing written: ${outcome.path} would be outside ${out}`);
    case 'exported': {
      const { result } = outcome;
      const lines = result.exported.map((n) => `+ ${n.number} ${n.name} → ${n.file}`);
      for (const skip of result.skipped) lines.push(`- ${skip.number} ${skip.name}: skipped, ${skip.reason}`);
      for (const note of result.notes) lines.push(`note: ${note}`);
      const schedules = result.files.filter((f) => f.path.includes('/schedules/')).length;
      lines.push(
        `Exported ${plural(result.exported.length, 'number')} to ${out}: ${plural(schedules, 'schedule')}, ${plural(result.audio.length, 'audio file')}${result.skipped.length ? `; ${result.skipped.length} skipped` : ''}.`,
      );
      io.stdout(lines.join('\n'));
      return EXIT.ok;
    }
  }
}
