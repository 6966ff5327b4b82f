/**
 * One scheduled drift check for the operator: detect drift (and remediate when the settings
 * say so) and boil the outcome down to what `/healthz` and the metrics report.
 */
import { NOT_ATTEMPTED } from '../apply/apply-plan.js';
import type { CheckResult, DriftCheck } from '../drift/scheduler.js';
import { summaryLine } from '../report/format-text.js';
import type { ApplyOptions } from './apply-repo.js';
import { detectDrift } from './detect-drift.js';
import type { PipelineParts } from './parts.js';

export function driftCheck(parts: PipelineParts, options: { remediate: boolean; actor: ApplyOptions['actor'] }): DriftCheck {
  return async (signal, writing) => {
    const outcome = await detectDrift(parts, options.remediate ? { remediate: { actor: options.actor, signal, writing } } : {});
    if (outcome.kind === 'invalid') {
      const { problems, sources } = outcome.validation;
      return { result: 'invalid', drifted: 0, inSync: 0, notInAccount: 0, unmanaged: 0, error: `${summaryLine(problems, sources.size)}: the config has errors; run callflow validate` };
    }
    const { summary, inSync } = outcome.report;
    const result: CheckResult = { result: inSync ? 'in-sync' : 'drift', drifted: summary.drifted, inSync: summary.inSync, notInAccount: summary.notInAccount, unmanaged: summary.unmanaged };
    const remediation = outcome.remediation;
    if (remediation) {
      const results = remediation.kind === 'applied' ? remediation.report.results : [];
      const notAttempted = results.filter((r) => r.status === 'refused' && r.detail?.startsWith(NOT_ATTEMPTED)).length;
      result.remediation = {
        applied: results.filter((r) => r.status === 'applied').length,
        failed: results.filter((r) => r.status !== 'applied').length - notAttempted,
        notAttempted,
        ...(remediation.kind !== 'applied' ? { stoppedBy: remediation.kind } : remediation.report.refused ? { stoppedBy: remediation.report.refused } : {}),
      };
      parts.logger.warn({ component: 'serve', remediation: result.remediation }, "remediation: re-applying Git's version of drifted numbers");
    }
    return result;
  };
}
