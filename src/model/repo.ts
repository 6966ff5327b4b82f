import type { NumberConfig, ScheduleConfig, Settings, SharedMessageConfig } from '../config/schema/index.js';
import type { YamlSource } from '../config/yaml-source.js';

/** A loaded, schema-valid file together with the YAML it came from (for positions). */
export interface Entry<T> {
  file: string;
  source: YamlSource;
  config: T;
}

export interface NamedEntry<T> extends Entry<T> {
  /** File name without extension: what `schedule:` and `{ ref: }` refer to. */
  name: string;
}

/** What the loader learnt about a referenced audio file (I/O done once, at load time). */
export interface AudioFileInfo {
  /** Repo-relative path as written in YAML. */
  path: string;
  status: 'ok' | 'missing' | 'outside-repo' | 'not-a-file';
  /** Bytes, when status is ok. */
  size?: number;
  /** Absolute path on disk, when status is ok. */
  absolutePath?: string;
  /** For status `not-a-file`: what it is instead. */
  kind?: string;
  /** For status `missing`: names of the files in the same directory, for a did-you-mean. */
  nearby?: string[];
  /**
   * sha256 of the content (hex), when status is ok and the file is not absurdly large: the asset's
   * identity, so plan/apply upload only new content and drift compares audio by content.
   */
  sha256?: string;
  /** Duration, once the audio check has inspected the content. */
  seconds?: number;
}

/**
 * Schedule and shared-message files that exist but failed to load (YAML or schema errors, reported
 * at the file), by the name `schedule:` and `{ ref: }` use: a reference to one is not unknown.
 */
export interface FailedSharedFiles {
  schedules: ReadonlySet<string>;
  messages: ReadonlySet<string>;
}

/** Everything under `config/` and the audio it references: the desired state. */
export interface Repo {
  root: string;
  configDir: string;
  settings: Settings;
  settingsSource?: YamlSource;
  numbers: Entry<NumberConfig>[];
  schedules: Map<string, NamedEntry<ScheduleConfig>>;
  messages: Map<string, NamedEntry<SharedMessageConfig>>;
  failedToLoad: FailedSharedFiles;
  audio: Map<string, AudioFileInfo>;
}
