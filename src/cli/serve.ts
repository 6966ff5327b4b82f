import { hostname } from 'node:os';
import { currentCommit, whoIsApplying } from '../apply/journal.js';
import { startOperator } from '../drift/operator.js';
import { driftCheck, readSettings } from '../pipeline/index.js';
import { CommandError, parseCommandArgs, UsageError } from './args.js';
import { EXIT, type CliIo } from './io.js';
import { cliParts } from './parts.js';
import { printValidationFailure } from './print-validation.js';
import { untilSignal } from './signals.js';

/** Stopping waits this long for a running check; under the 10 s most supervisors give after SIGTERM. */
const GRACE_MS = 8_000;
const DEFAULT_PORT = 8080;

export const usage = `Usage: callflow serve [--port N] [--host H]

A long-running drift operator: checks the config at the checkout against the live numbers at
start and then on the cron schedule drift.schedule of config/callflow.yaml (5 fields, or 6 with
seconds first), never two checks at once. With drift.remediate: true it re-applies Git's version
of drifted numbers (safety thresholds still apply).
  --port N   HTTP port for /healthz and /metrics (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H   address to bind (default 127.0.0.1)
GET /healthz  200 with the last check's time and result (503 while stopping)
GET /metrics  Prometheus text format
Logs are JSON lines (pino) on stderr, level info unless --log-level or CALLFLOW_LOG_LEVEL.
SIGTERM or SIGINT stops it: a running check finishes the number in hand and stops.
Exit 0 after a clean stop, 1 when it cannot start (bad schedule, port taken, invalid settings).`;

export function run(argv: string[], io: CliIo): Promise<number> {
  return runServe(argv, io, untilSignal()).then((code) => {
    // An abandoned check may still hold a socket open: do not let it keep the process past the stop.
    setTimeout(() => process.exit(code), 1000).unref();
    return code;
  });
}

/** Serves until `stop` settles; tests pass their own promise instead of process signals. */
export async function runServe(argv: string[], io: CliIo, stop: Promise<unknown>): Promise<number> {
  const { values } = parseCommandArgs(argv, { port: { type: 'string' }, host: { type: 'string' } });
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a port number (got "${values.port}")`);
  const parts = cliParts(values, io, { logLevel: 'info' });

  const read = await readSettings(parts);
  if (read.kind === 'invalid') return printValidationFailure(read.validation, io);
  // drift.schedule is a cron expression node-cron accepts: the settings schema checked it.
  const { schedule, remediate } = read.settings.drift;

  const actor = { who: `${whoIsApplying(io.env)} (callflow serve)`, host: hostname(), pid: process.pid, commit: () => currentCommit(parts.root, io.env) };
  let operator;
  try {
    operator = await startOperator({
      schedule,
      check: driftCheck(parts, { remediate, actor }),
      port,
      host: values.host ?? '127.0.0.1',
      logger: parts.logger,
      clock: parts.clock,
      checkAtStart: true,
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CommandError(code === 'EADDRINUSE' ? `port ${port} is already in use (--port)` : `cannot listen: ${(error as Error).message}`);
  }
  io.stdout(`callflow serve listening on ${operator.url} (schedule "${schedule}"${remediate ? ', remediate' : ''})`);
  await stop;
  const { abandoned } = await operator.stop(GRACE_MS);
  io.stdout(abandoned ? 'callflow serve stopped (the running check was abandoned between numbers)' : 'callflow serve stopped');
  return EXIT.ok;
}
