/**
 * validate → read live → plan → drift report → the live version of each drifted number (and the
 * audio it plays), as files for the config tree. Written into the checkout when `write` is set
 * (`drift --adopt`); the GitHub drift run commits them to a branch instead. The account is
 * only read.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { isInside } from '../config/inside-repo.js';
import { adoptLive, type AdoptResult } from '../drift/adopt.js';
import type { DriftReport } from '../drift/report.js';
import { driftReportOf } from './detect-drift.js';
import { fetchAudio } from './fetch-audio.js';
import type { PipelineParts } from './parts.js';
import { withPlan, type InvalidRepo } from './plan-repo.js';

/** One file of the adoption, repo-relative: YAML text, or the bytes of an mp3. */
export interface AdoptedFile {
  path: string;
  content: string | Uint8Array;
}

export type AdoptOutcome =
  | InvalidRepo
  | { kind: 'adopted'; report: DriftReport; result: AdoptResult; files: AdoptedFile[] }
  | { kind: 'audio-unavailable'; report: DriftReport; reason: string };

export async function adoptDrift(parts: PipelineParts, options: { write: boolean }): Promise<AdoptOutcome> {
  return withPlan(parts, async (planned, provider): Promise<AdoptOutcome> => {
    const report = driftReportOf(parts, planned, provider.name);
    const result = adoptLive(planned.validation.repo, report.numbers, planned.live);
    const audio = await fetchAudio(provider, result);
    if (typeof audio === 'string') return { kind: 'audio-unavailable', report, reason: audio };
    const files: AdoptedFile[] = [...result.files.map((f) => ({ path: f.path, content: f.text })), ...audio.map((a) => ({ path: a.path, content: new Uint8Array(a.bytes) }))];
    if (options.write) {
      // Names come from the account: whatever they say, nothing is written outside the repo.
      const outside = files.find((file) => !isInside(parts.root, resolve(parts.root, file.path)));
      if (outside) throw new Error(`refusing to write ${outside.path}: it is outside the repository`);
      for (const file of files) {
        await mkdir(dirname(join(parts.root, file.path)), { recursive: true });
        await writeFile(join(parts.root, file.path), file.content);
      }
      parts.logger.info({ component: 'adopt', numbers: result.adopted.length, files: files.length }, 'adopted live into the config');
    }
    return { kind: 'adopted', report, result, files };
  });
}
