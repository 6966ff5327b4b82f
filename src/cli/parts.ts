import { createLogger } from '../logging.js';
import type { PipelineParts } from '../pipeline/index.js';
import { openProvider } from '../providers/registry.js';
import { resolveLocations } from './args.js';
import { validationChecks } from './checks.js';
import type { CliIo } from './io.js';

/** The pipeline's parts as a command line sees them: locations from flags, the rest from the environment. */
export function cliParts(values: { root?: string | undefined; config?: string | undefined; 'log-level'?: string | undefined }, io: CliIo, defaults: { logLevel?: string } = {}): PipelineParts {
  const { root, configDir } = resolveLocations(values, io);
  const logger = createLogger({ level: values['log-level'] ?? io.env['CALLFLOW_LOG_LEVEL'] ?? defaults.logLevel, env: io.env });
  return {
    root,
    configDir,
    logger,
    clock: () => new Date(),
    checks: validationChecks(io),
    connect: (repo) => openProvider({ root, settings: repo.settings, env: io.env, logger, repo }),
  };
}
