/**
 * validate → read live → plan → drift report → the live version of each drifted number written
 * into the config tree (and the audio it plays into audio/), for a pull request. The account is
 * only read.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { adoptLive, type AdoptResult } from '../drift/adopt.js';
import type { DriftReport } from '../drift/report.js';
import { driftReportOf } from './detect-drift.js';
import { fetchAudio } from './fetch-audio.js';
import type { PipelineParts } from './parts.js';
import { withPlan, type InvalidRepo } from './plan-repo.js';

export type AdoptOutcome =
  | InvalidRepo
  | { kind: 'adopted'; report: DriftReport; result: AdoptResult }
  | { kind: 'audio-unavailable'; report: DriftReport; reason: string };

export async function adoptDrift(parts: PipelineParts): Promise<AdoptOutcome> {
  return withPlan(parts, async (planned, provider): Promise<AdoptOutcome> => {
    const report = driftReportOf(parts, planned, provider.name);
    const result = adoptLive(planned.validation.repo, report.numbers, planned.live);
    const audio = await fetchAudio(provider, result);
    if (typeof audio === 'string') return { kind: 'audio-unavailable', report, reason: audio };
    for (const file of [...audio.map((a) => ({ path: a.path, data: a.bytes as Uint8Array | string })), ...result.files.map((f) => ({ path: f.path, data: f.text }))]) {
      await mkdir(dirname(join(parts.root, file.path)), { recursive: true });
      await writeFile(join(parts.root, file.path), file.data);
    }
    parts.logger.info({ component: 'adopt', numbers: result.adopted.length, files: result.files.length + audio.length }, 'adopted live into the config');
    return { kind: 'adopted', report, result };
  });
}
