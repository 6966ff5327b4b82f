/** Real inputs for plan tests: the example config loaded from disk, live numbers in the provider's shape. */
import { fileURLToPath } from 'node:url';
import { loadRepo } from '../../src/config/load.js';
import { parseYamlText } from '../../src/config/yaml-source.js';
import { numberFile, type NumberConfig } from '../../src/config/schema/index.js';
import type { Entry, Repo } from '../../src/model/repo.js';
import type { LiveNumber, ProviderCapabilities } from '../../src/model/live.js';
import { canonicalNumber } from '../../src/model/canonical.js';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const SANDBOX_CAPABILITIES: ProviderCapabilities = { flows: true, audio: 'upload', locks: true, limitations: [] };

export async function exampleRepo(): Promise<Repo> {
  const { repo, problems } = await loadRepo({ root: REPO_ROOT });
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new Error(`example config does not load: ${errors.map((p) => p.message).join('; ')}`);
  return repo;
}

/** A number as bought: the platform's default flow, nothing published yet. */
export function boughtNumber(config: Pick<NumberConfig, 'number' | 'name' | 'timezone'>, id = idOf(config.number)): LiveNumber {
  return { id, number: config.number, name: config.name, timezone: config.timezone, messages: {}, flow: { published: null, draft: null, latestVersion: 0 } };
}

/** A number as a previous apply left it: settings and the canonical flow published as version `version`. */
export function appliedNumber(entry: Entry<NumberConfig>, repo: Repo, version = 1): LiveNumber {
  const canonical = canonicalNumber(entry, repo);
  // Through JSON, as a provider stores and returns it.
  const document = JSON.parse(JSON.stringify(canonical.flow)) as Record<string, unknown>;
  return {
    ...boughtNumber(entry.config),
    language: canonical.settings.language,
    flow: { published: { version, document }, draft: null, latestVersion: version },
  };
}

export function appliedRepo(repo: Repo): LiveNumber[] {
  return repo.numbers.map((entry) => appliedNumber(entry, repo));
}

/** A number entry made from YAML text, with real positions (for problems). */
export function numberEntry(yamlText: string, file = 'config/numbers/test.yaml'): Entry<NumberConfig> {
  const read = parseYamlText(file, yamlText);
  if (!read.source) throw new Error('bad YAML');
  return { file, source: read.source, config: numberFile.parse(read.data) };
}

export function repoWith(base: Repo, numbers: Entry<NumberConfig>[]): Repo {
  return { ...base, numbers };
}

function idOf(number: string): string {
  return String(Number(number.slice(-6)));
}

export const AT = '2026-06-01T12:00:00.000Z';

/** The example numbers copied `count` times under fresh E.164 numbers (+1555000xxxx), for plans of many numbers. */
export function manyNumbers(repo: Repo, count: number): Entry<NumberConfig>[] {
  return Array.from({ length: count }, (_, index) => {
    const entry = repo.numbers[index % repo.numbers.length]!;
    const number = `+1555${String(index).padStart(7, '0')}`;
    return { ...entry, file: `config/numbers/n${index}.yaml`, config: { ...entry.config, number, name: `${entry.config.name} ${index}` } };
  });
}

/** Deep copy of a live number whose published document the test may edit freely. */
export function editable(live: LiveNumber): LiveNumber & { flow: NonNullable<LiveNumber['flow']> } {
  return JSON.parse(JSON.stringify(live)) as LiveNumber & { flow: NonNullable<LiveNumber['flow']> };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyDoc = { start: string; steps: Record<string, any> };
export const docOf = (live: LiveNumber) => live.flow!.published!.document as unknown as AnyDoc;
