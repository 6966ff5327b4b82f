import type { Logger } from 'pino';
import type { Settings } from '../config/schema/index.js';
import type { Repo } from '../model/repo.js';
import type { HttpClientOptions } from './http/http-client.js';

export interface OpenProviderOptions {
  root: string;
  settings: Settings;
  env: NodeJS.ProcessEnv;
  logger: Logger;
  /** The loaded config: an in-process sandbox provisions its numbers, users and teams from it. */
  repo?: Pick<Repo, 'numbers'>;
  /** Tuning for tests and benches (clock, timeouts, retries, rate limit). */
  http?: Partial<Omit<HttpClientOptions, 'baseUrl' | 'credentials' | 'logger'>>;
}

/** What an opener gets: the options, with the URL override already applied. */
export interface ProviderContext extends OpenProviderOptions {
  /** API base URL, always ending in the API version (`…/v1`); undefined when none is configured. */
  url: string | undefined;
}
