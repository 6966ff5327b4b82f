/** The drift report for a terminal: one block per number that differs, then the numbers in sync. */
import { describeCause } from './describe-cause.js';
import type { DriftReport } from './report.js';
import { plural } from '../report/plural.js';

export function renderDriftText(report: DriftReport, options: { color: boolean }): string {
  const paint = (code: number, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  for (const number of report.numbers) {
    lines.push(`${paint(33, '~')} ${number.number} ${paint(1, number.name)}${number.file ? paint(2, ` (${number.file})`) : ''}`);
    lines.push(paint(number.cause.kind === 'outside-edit' ? 31 : 2, `    ${describeCause(number.cause)}`));
    for (const d of number.differences) lines.push(`    ${d.where}: live ${d.live} · Git ${d.git}`);
    lines.push('');
  }
  if (report.matching.length) lines.push(paint(2, `in sync: ${report.matching.join(', ')}`));
  if (report.unmanaged.length) lines.push(`unmanaged (in the account, in no config file; not compared): ${report.unmanaged.map((n) => `${n.number} (${n.name})`).join(', ')}`);
  for (const limitation of report.provider.limitations) lines.push(paint(2, `provider: ${limitation}`));
  if (lines.length && lines.at(-1) !== '') lines.push('');
  lines.push(paint(1, driftSummary(report)));
  return lines.join('\n');
}

/** "Drift: 1 of 3 numbers differ from Git (1 edited outside callflow); 2 in sync." */
export function driftSummary(report: DriftReport): string {
  const s = report.summary;
  const of = `${plural(s.compared, 'number')}`;
  if (report.inSync) return `In sync: ${s.compared === 1 ? 'the number matches' : `all ${of} match`} Git (checked ${report.checkedAt}).`;
  const differ = s.drifted + s.notInAccount;
  const extra = [s.outsideEdits ? `${s.outsideEdits} edited outside callflow` : '', s.notInAccount ? `${s.notInAccount} not in the account` : ''].filter(Boolean);
  return `Drift: ${differ} of ${of} differ${differ === 1 ? 's' : ''} from Git${extra.length ? ` (${extra.join(', ')})` : ''}; ${s.inSync} in sync (checked ${report.checkedAt}).`;
}
