/**
 * Live numbers → the files of a callflow repo (pure): one YAML file per number, the schedules
 * its time rules inline, and the audio it plays (named by content, fetched by the caller).
 * Numbers whose flow cannot be written as YAML are skipped with the reason.
 */
import { ITEM_NAME, MAX_NAME_LENGTH } from '../config/schema/common.js';
import { excerpt } from '../model/excerpt.js';
import type { LiveNumber } from '../model/live.js';
import type { CanonicalFlowDocument, CanonicalStep } from '../model/flow-document.js';
import { readFlowDocument } from '../model/read-flow-document.js';
import { flowToConfig, mainLanguage, scheduleToConfig, unexportable, type AudioUse } from './config-from-live.js';
import { toYaml } from './yaml-out.js';

export interface ExportFile {
  /** Repo-relative path. */
  path: string;
  text: string;
}

export interface ExportResult {
  files: ExportFile[];
  /** Audio to fetch by sha256 and write at path. */
  audio: AudioUse[];
  exported: Array<{ number: string; name: string; file: string }>;
  skipped: Array<{ number: string; name: string; reason: string }>;
  /** Things a reader should know (a schedule renamed to keep two apart, …). */
  notes: string[];
}

/** "Custom files are .mp3 … no special characters in file names": paths we write as they are. */
const SAFE_AUDIO_PATH = /^audio\/(?:[A-Za-z0-9][A-Za-z0-9._-]*\/)*[A-Za-z0-9][A-Za-z0-9._-]*\.mp3$/;

export function exportNumbers(live: readonly LiveNumber[], configDir: string): ExportResult {
  const result: ExportResult = { files: [], audio: [], exported: [], skipped: [], notes: [] };
  const audio = new AudioPlacement();
  const schedules = new Map<string, string>();
  const fileNames = new Set<string>();

  const readableNumbers: Array<{ number: LiveNumber; flow: CanonicalFlowDocument }> = [];
  for (const number of [...live].sort((a, b) => a.number.localeCompare(b.number))) {
    const flow = readable(number);
    if (typeof flow === 'string') result.skipped.push({ number: number.number, name: number.name, reason: flow });
    else readableNumbers.push({ number, flow });
  }
  const zoneless = zonelessSchedules(readableNumbers);

  for (const { number, flow } of readableNumbers) {
    const document = placeSchedules(flow, { written: schedules, zoneless, numberTimezone: number.timezone }, configDir, result);
    const language = number.language ?? mainLanguage(document) ?? 'en-US';
    const config = {
      number: number.number,
      name: number.name,
      timezone: number.timezone,
      language,
      flow: flowToConfig(document, { language, audioPath: (use) => audio.place(use) }),
    };
    const file = `${configDir}/numbers/${uniqueName(fileSlug(number), number, fileNames)}.yaml`;
    result.files.push({ path: file, text: toYaml(config, '../../schema/number.schema.json') });
    result.exported.push({ number: number.number, name: number.name, file });
  }
  result.audio = audio.all();
  return result;
}

/** The number's flow as a canonical document, or why it cannot be exported. */
function readable(number: LiveNumber): CanonicalFlowDocument | string {
  if (!number.flow) return 'the provider cannot read call flows';
  const published = number.flow.published;
  if (!published) return "it still has the platform's default flow";
  const document = readFlowDocument(published.document);
  if (!document) return `its flow v${published.version} is not in a format callflow reads`;
  return unexportable(document) ?? document;
}

/**
 * One schedule file per `ref`; a second number whose schedule of the same name differs gets
 * `ref-2` (and a note), so neither number's hours change.
 */
interface SchedulePlacement {
  /** Text written per schedule name so far. */
  written: Map<string, string>;
  /** Schedules written without a timezone (each number's own applies). */
  zoneless: ReadonlySet<string>;
  numberTimezone: string;
}

function placeSchedules(flow: CanonicalFlowDocument, placement: SchedulePlacement, configDir: string, result: ExportResult): CanonicalFlowDocument {
  const { written } = placement;
  const steps: Record<string, CanonicalStep> = {};
  for (const [name, step] of Object.entries(flow.steps)) {
    if (step.type !== 'time_rule') {
      steps[name] = step;
      continue;
    }
    const omitZone = placement.zoneless.has(step.schedule.ref) && step.schedule.timezone === placement.numberTimezone;
    const config = scheduleToConfig(step.schedule);
    if (omitZone) delete config.timezone;
    const text = toYaml(config, '../../schema/schedule.schema.json');
    // The account can name a schedule anything ("../../x"); a file is written only under a schedule name.
    const base = ITEM_NAME.test(step.schedule.ref) && step.schedule.ref.length <= MAX_NAME_LENGTH - 4 ? step.schedule.ref : 'live-schedule';
    let ref = base;
    for (let n = 2; written.has(ref) && written.get(ref) !== text; n += 1) ref = `${base}-${n}`;
    if (ref !== step.schedule.ref) result.notes.push(`schedule "${excerpt(step.schedule.ref)}" ${base === step.schedule.ref ? 'differs between numbers: one copy' : 'is no schedule name: it'} was written as "${ref}"`);
    if (!written.has(ref)) {
      written.set(ref, text);
      result.files.push({ path: `${configDir}/schedules/${ref}.yaml`, text });
    }
    steps[name] = { ...step, schedule: { ...step.schedule, ref } };
  }
  return { ...flow, steps };
}

/**
 * A schedule file without `timezone:` takes each number's own: when the numbers sharing a
 * schedule live in several timezones and each uses its own, the file is written without one.
 */
function zonelessSchedules(numbers: ReadonlyArray<{ number: LiveNumber; flow: CanonicalFlowDocument }>): Set<string> {
  const uses = new Map<string, Array<{ own: boolean; zone: string }>>();
  for (const { number, flow } of numbers) {
    for (const step of Object.values(flow.steps)) {
      if (step.type !== 'time_rule') continue;
      const list = uses.get(step.schedule.ref) ?? [];
      list.push({ own: step.schedule.timezone === number.timezone, zone: step.schedule.timezone });
      uses.set(step.schedule.ref, list);
    }
  }
  return new Set([...uses].filter(([, list]) => new Set(list.map((u) => u.zone)).size > 1 && list.every((u) => u.own)).map(([ref]) => ref));
}

/** Repo paths for live audio: the live path when it is a clean one and free, else one named by content. */
class AudioPlacement {
  private readonly bySha = new Map<string, string>();
  private readonly byPath = new Map<string, string>();

  place(use: AudioUse): string {
    const known = this.bySha.get(use.sha256);
    if (known) return known;
    let path = SAFE_AUDIO_PATH.test(use.path) ? use.path : `audio/exported/${use.sha256.slice(0, 12)}.mp3`;
    if (this.byPath.has(path)) path = path.replace(/\.mp3$/, `-${use.sha256.slice(0, 8)}.mp3`);
    this.bySha.set(use.sha256, path);
    this.byPath.set(path, use.sha256);
    return path;
  }

  all(): AudioUse[] {
    return [...this.byPath.entries()].map(([path, sha256]) => ({ path, sha256 })).sort((a, b) => a.path.localeCompare(b.path));
  }
}

function fileSlug(number: LiveNumber): string {
  const slug = number.name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return slug || number.number.replace(/^\+/, '');
}

function uniqueName(slug: string, number: LiveNumber, taken: Set<string>): string {
  const name = taken.has(slug) ? `${slug}-${number.number.replace(/^\+/, '')}` : slug;
  taken.add(name);
  return name;
}
