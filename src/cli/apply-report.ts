import { escapeControls } from '../model/excerpt.js';
import type { ApplyReport } from '../apply/apply-plan.js';
import { describeHolder } from '../apply/lock-keeper.js';

/** What `apply --doit` did, a line per number and a total. */
export function renderApplyReport(report: ApplyReport): string {
  if (report.refused) return escapeControls(`Refused: ${report.refused}. Nothing was applied.`);
  const lines = report.results.map((r) => {
    const mark = r.status === 'applied' ? '✓' : r.status === 'refused' ? '!' : '✗';
    const version = r.publishedVersion !== undefined ? ` (published version ${r.publishedVersion})` : '';
    return escapeControls(`${mark} ${r.number} ${r.name}: ${r.status}${version}${r.detail ? ` — ${r.detail}` : ''}`);
  });
  if (report.lock?.tookOver) lines.unshift(escapeControls(`Took over the apply lock of ${describeHolder(report.lock.tookOver)}: its process on this host is gone.`));
  if (report.lock?.broke) lines.unshift(escapeControls(`Broke the apply lock held by ${describeHolder(report.lock.broke)}.`));
  const applied = report.results.filter((r) => r.status === 'applied').length;
  const { uploaded, alreadyThere, failed } = report.uploads;
  // A provider that takes audio as URLs uploads nothing: saying "0 uploaded" would suggest it could.
  const audio = uploaded + alreadyThere + failed.length ? `; audio: ${uploaded} uploaded, ${alreadyThere} already there${failed.length ? `, ${failed.length} failed` : ''}` : '';
  lines.push(`Applied ${applied} of ${report.results.length} numbers${audio}.`);
  if (applied < report.results.length) lines.push('Re-run apply to retry what is left (re-run plan first for refused numbers).');
  return lines.join('\n');
}
