import { access, readdir } from 'node:fs/promises';
import { extname, join, posix } from 'node:path';
import { z } from 'zod';
import { fileStem } from '../model/file-stem.js';
import type { Problem } from '../model/problem.js';
import type { Entry, NamedEntry, Repo } from '../model/repo.js';
import { audioReferences } from '../model/audio-refs.js';
import { numberFile, scheduleFile, settingsFile, sharedMessageFile, type Settings } from './schema/index.js';
import { checkSchema } from './schema-problems.js';
import { readYamlFile, type YamlSource } from './yaml-source.js';
import { inspectAudioPath } from './audio-files.js';
import { insideRepoReader, type InsideRepo } from './inside-repo.js';

export interface LoadOptions {
  root: string;
  /** Relative to root; default `config`. */
  configDir?: string;
}

export interface LoadResult {
  repo: Repo;
  /** YAML and schema problems; files with errors are left out of `repo`. */
  problems: Problem[];
  /** Text of every YAML file read (even invalid ones), keyed by repo-relative path, for code frames. */
  sources: Map<string, string>;
}

const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

export async function loadRepo(options: LoadOptions): Promise<LoadResult> {
  const root = options.root;
  const configDir = options.configDir ?? 'config';
  const problems: Problem[] = [];
  const sources = new Map<string, string>();

  const settingsFileName = posix.join(configDir, 'callflow.yaml');
  // One reader for the whole load: each directory's real path is found once.
  const inside = insideRepoReader(root);
  const settingsLoad = await loadSettings(root, inside, settingsFileName, problems, sources);

  const [numberFiles, scheduleFiles, messageFiles] = await Promise.all(
    ['numbers', 'schedules', 'messages'].map((dir) => listYaml(root, posix.join(configDir, dir))),
  );
  // Checking nothing must not pass: a wrong --root or a run from a subdirectory would look green.
  if (numberFiles!.length === 0) problems.push(await noNumbersProblem(root, configDir));

  const numbers = loadAll(root, inside, numberFiles!, numberFile, problems, sources);
  const schedules = toNamed(loadAll(root, inside, scheduleFiles!, scheduleFile, problems, sources));
  const messages = toNamed(loadAll(root, inside, messageFiles!, sharedMessageFile, problems, sources));
  const failedToLoad = { schedules: failedNames(scheduleFiles!, schedules), messages: failedNames(messageFiles!, messages) };

  const referenced = new Set(audioReferences(numbers, messages).map((ref) => ref.path));
  const audio = new Map(
    await Promise.all([...referenced].map(async (path) => [path, await inspectAudioPath(inside, path)] as const)),
  );

  return {
    repo: {
      root,
      configDir,
      settings: settingsLoad.settings,
      ...(settingsLoad.source ? { settingsSource: settingsLoad.source } : {}),
      numbers,
      schedules,
      messages,
      failedToLoad,
      audio,
    },
    problems,
    sources,
  };
}

async function loadSettings(root: string, inside: InsideRepo, file: string, problems: Problem[], sources: Map<string, string>): Promise<{ settings: Settings; source?: YamlSource }> {
  const defaults = settingsFile.parse({});
  // No settings file, or an empty one, means every default.
  if (!(await exists(join(root, file)))) return { settings: defaults };
  const read = readYamlFile(root, file, inside);
  if (read.source) sources.set(file, read.source.text);
  problems.push(...read.problems.filter((p) => p.rule !== 'yaml/empty'));
  if (!read.source || read.data === undefined) return { settings: defaults };
  const checked = checkSchema(settingsFile, read.source, read.data);
  problems.push(...checked.problems);
  return { settings: checked.value ?? defaults, source: read.source };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function noNumbersProblem(root: string, configDir: string): Promise<Problem> {
  const hasConfig = await exists(join(root, configDir));
  return {
    severity: 'error',
    rule: 'config/no-numbers',
    message: hasConfig
      ? `no number files in ${posix.join(configDir, 'numbers')}/: there is nothing to check or apply`
      : `no ${configDir}/ directory in ${root}`,
    hint: hasConfig ? 'add one YAML file per phone number' : 'run callflow from the repository root, or pass --root DIR (and --config DIR if the config lives elsewhere)',
    file: posix.join(configDir, 'numbers'),
    line: 1,
    column: 1,
  };
}

async function listYaml(root: string, dir: string): Promise<string[]> {
  const entries = await readdir(join(root, dir), { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => YAML_EXTENSIONS.has(extname(e.name)) && !e.name.startsWith('.'))
    .map((e) => posix.join(dir, e.name))
    .sort();
}

/**
 * zod's compiled form (one generated function per schema; invalid input falls back to the
 * ordinary parser, so problems read the same) costs ~20 ms to build and saves ~0.1 ms a file.
 */
const COMPILE_FROM_FILES = 200;

/** Reads, parses and checks each file in turn (see readYamlFile for why synchronously). */
function loadAll<S extends z.ZodType>(root: string, inside: InsideRepo, files: string[], schema: S, problems: Problem[], sources: Map<string, string>): Entry<z.infer<S>>[] {
  const entries: Entry<z.infer<S>>[] = [];
  const check = files.length >= COMPILE_FROM_FILES ? z.compile(schema) : schema;
  for (const file of files) {
    const read = readYamlFile(root, file, inside);
    if (read.source) sources.set(file, read.source.text);
    problems.push(...read.problems);
    if (!read.source || read.data === undefined || read.problems.some((p) => p.severity === 'error')) continue;
    const checked = checkSchema(check, read.source, read.data);
    problems.push(...checked.problems);
    if (checked.value !== undefined) entries.push({ file, source: read.source, config: checked.value });
  }
  return entries;
}

function toNamed<T>(entries: Entry<T>[]): Map<string, NamedEntry<T>> {
  return new Map(entries.map((entry) => {
    const name = fileStem(entry.file);
    return [name, { ...entry, name }];
  }));
}

/** Names of the files read but left out (their errors are already reported at them). */
function failedNames(files: readonly string[], loaded: ReadonlyMap<string, Entry<unknown>>): Set<string> {
  const loadedFiles = new Set([...loaded.values()].map((entry) => entry.file));
  return new Set(files.filter((file) => !loadedFiles.has(file)).map(fileStem));
}
