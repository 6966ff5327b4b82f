/**
 * `drift --adopt` (pure): the live version of drifted numbers written into their config files,
 * so the team can review it in a pull request. The file is edited in place — comments, flow
 * tests and every step live did not change are kept as written; only what differs is
 * rewritten from live. New audio is named by content under audio/adopted/.
 */
import { ITEM_NAME, MAX_NAME_LENGTH } from '../config/schema/common.js';
import type { NumberConfig, ScheduleConfig } from '../config/schema/index.js';
import { excerpt } from '../model/excerpt.js';
import { canonicalFlow, canonicalSchedule } from '../model/canonical.js';
import type { CanonicalFlowDocument, CanonicalSchedule, CanonicalStep } from '../model/flow-document.js';
import { readFlowDocument } from '../model/read-flow-document.js';
import { sortedWeekly } from '../model/order.js';
import { expandWeekly } from '../model/weekly.js';
import type { LiveNumber } from '../model/live.js';
import type { Entry, NamedEntry, Repo } from '../model/repo.js';
import { diffStep } from '../plan/diff-flow.js';
import { sameContent } from '../plan/stable-json.js';
import { scheduleToConfig, stepToConfig, unexportable, type AudioUse } from './config-from-live.js';
import type { NumberDrift } from './report.js';
import { toYaml } from './yaml-out.js';
import { YamlSplicer } from './yaml-splice.js';

export interface AdoptResult {
  /** Files to write (repo-relative path → text). */
  files: Array<{ path: string; text: string }>;
  /** Live audio the repo lacks: fetch by sha256, write at path. */
  audio: AudioUse[];
  adopted: Array<{ number: string; file: string }>;
  skipped: Array<{ number: string; reason: string }>;
  notes: string[];
}

export function adoptLive(repo: Pick<Repo, 'numbers' | 'schedules' | 'messages' | 'audio' | 'configDir'>, drifted: readonly NumberDrift[], live: readonly LiveNumber[]): AdoptResult {
  const result: AdoptResult = { files: [], audio: [], adopted: [], skipped: [], notes: [] };
  const byNumber = new Map(live.map((n) => [n.number, n]));
  const context = new AdoptContext(repo, result);
  for (const drift of drifted) {
    const entry = repo.numbers.find((e) => e.config.number === drift.number);
    const number = byNumber.get(drift.number);
    if (drift.status !== 'drifted' || !entry || !number) {
      result.skipped.push({ number: drift.number, reason: 'not in the account' });
      continue;
    }
    const text = adoptNumber(entry, number, context);
    if (typeof text === 'object') {
      result.skipped.push({ number: drift.number, reason: text.skip });
      continue;
    }
    result.files.push({ path: entry.file, text });
    result.adopted.push({ number: drift.number, file: entry.file });
  }
  result.audio = context.newAudio();
  return result;
}

function adoptNumber(entry: Entry<NumberConfig>, live: LiveNumber, context: AdoptContext): string | { skip: string } {
  const flow = liveFlow(live);
  if (typeof flow === 'string') return { skip: flow };
  const file = new YamlSplicer(entry.source.text);
  const config = entry.config;
  if (live.name !== config.name) file.setScalar(['name'], live.name);
  if (live.timezone !== config.timezone) file.setScalar(['timezone'], live.timezone);
  const language = live.language ?? config.language;
  if (language !== config.language) file.setScalar(['language'], language);

  if (flow) {
    const desired = context.desiredFlow(entry);
    // A new number language changes what TTS without its own language means: rewrite every step.
    const keep = (name: string, step: CanonicalStep) => language === config.language && desired.steps[name] !== undefined && diffStep(name, desired.steps[name]!, step).length === 0;
    if (flow.start !== config.flow.start) file.setScalar(['flow', 'start'], flow.start);
    for (const name of Object.keys(config.flow.steps)) if (!(name in flow.steps)) file.setEntry(['flow', 'steps'], name, undefined);
    for (const [name, step] of Object.entries(flow.steps)) {
      if (keep(name, step)) continue;
      file.setEntry(['flow', 'steps'], name, stepToConfig(context.withSchedule(step, entry), { language, audioPath: (use) => context.audioPath(use) }));
    }
  }
  return file.toString();
}

/** The live flow to adopt; null when the provider has none (settings only); a string when it cannot be adopted. */
function liveFlow(live: LiveNumber): CanonicalFlowDocument | null | string {
  if (!live.flow) return null;
  const published = live.flow.published;
  if (!published) return "live has the platform's default flow: nothing to adopt (apply Git's version instead)";
  const document = readFlowDocument(published.document);
  if (!document) return `live flow v${published.version} is not in a format callflow reads`;
  return unexportable(document) ?? document;
}

class AdoptContext {
  private readonly repoAudio = new Map<string, string>();
  private readonly fetched = new Map<string, string>();
  private readonly schedulesWritten = new Map<string, string>();

  constructor(
    private readonly repo: Pick<Repo, 'numbers' | 'schedules' | 'messages' | 'audio' | 'configDir'>,
    private readonly result: AdoptResult,
  ) {
    for (const info of repo.audio.values()) if (info.sha256) this.repoAudio.set(info.sha256, info.path);
  }

  desiredFlow(entry: Entry<NumberConfig>): CanonicalFlowDocument {
    return canonicalFlow(entry, this.repo);
  }

  /** Files the repo already has keep their path; new content goes to audio/adopted/<sha>.mp3. */
  audioPath(use: AudioUse): string {
    const known = this.repoAudio.get(use.sha256) ?? this.fetched.get(use.sha256);
    if (known) return known;
    const path = `audio/adopted/${use.sha256.slice(0, 16)}.mp3`;
    this.fetched.set(use.sha256, path);
    return path;
  }

  newAudio(): AudioUse[] {
    return [...this.fetched.entries()].map(([sha256, path]) => ({ path, sha256 }));
  }

  /**
   * A live schedule that differs from the repo's file of that name: the file is rewritten when
   * only this number uses it; when others do too, the live hours go to a file of their own.
   */
  withSchedule(step: CanonicalStep, entry: Entry<NumberConfig>): CanonicalStep {
    if (step.type !== 'time_rule') return step;
    const live = step.schedule;
    const repoVersion = this.repo.schedules.has(live.ref) ? canonicalSchedule(live.ref, { repo: this.repo, timezone: entry.config.timezone }) : undefined;
    if (repoVersion && sameContent(repoVersion, live)) return step;
    const text = toYaml(scheduleToConfig(live), '../../schema/schedule.schema.json');
    const sharedWithOthers = this.repo.numbers.some((n) => n !== entry && Object.values(n.config.flow.steps).some((s) => s.type === 'time_rule' && s.schedule === live.ref));
    let ref = live.ref;
    // The account can name a schedule anything ("../../x"); a file is written only under a schedule name.
    if (!ITEM_NAME.test(ref) || ref.length > MAX_NAME_LENGTH) {
      ref = `schedule-${entry.config.number.replace(/^\+/, '')}`;
      this.result.notes.push(`the live schedule of ${entry.config.number} is named "${excerpt(live.ref)}", which is no schedule name: its hours were written as "${ref}"`);
    }
    if (sharedWithOthers && this.schedulesWritten.get(ref) !== text) {
      ref = `${live.ref}-${entry.config.number.replace(/^\+/, '')}`;
      this.result.notes.push(`schedule "${live.ref}" is shared with other numbers: the live hours of ${entry.config.number} were written as "${ref}"`);
    }
    if (this.schedulesWritten.get(ref) !== text) {
      this.schedulesWritten.set(ref, text);
      const existing = ref === live.ref ? this.repo.schedules.get(ref) : undefined;
      this.result.files.push({ path: `${this.repo.configDir}/schedules/${ref}.yaml`, text: existing ? scheduleEdit(existing, live, entry.config.timezone) : text });
    }
    return { ...step, schedule: { ...live, ref } };
  }
}

/** The schedule file with only the keys live changed rewritten (a file without `timezone:` keeps none if live agrees). */
function scheduleEdit(existing: NamedEntry<ScheduleConfig>, live: CanonicalSchedule, numberTimezone: string): string {
  const file = new YamlSplicer(existing.source.text);
  const wanted = scheduleToConfig(live);
  const keys = ['name', 'timezone', 'holiday_calendar', 'weekly', 'holidays', 'special_days'] as const;
  for (const key of keys) {
    const now = existing.config[key];
    const then = wanted[key];
    if (key === 'timezone' && now === undefined && then === numberTimezone) continue;
    if (key === 'name' && now === undefined && then === existing.name) continue;
    // `monday-friday:` and five single days are the same hours: keep the team's shorthand.
    if (key === 'weekly' && sameContent(sortedWeekly(expandWeekly(existing.config.weekly)), then)) continue;
    if (!sameContent(now ?? (key === 'holidays' || key === 'special_days' ? [] : undefined), then ?? (key === 'holidays' || key === 'special_days' ? [] : undefined))) file.setEntry([], key, then);
  }
  return file.toString();
}
