/**
 * The long-running drift operator behind `callflow serve`: the scheduler, its metrics, and a
 * small HTTP server — `/healthz` (200 with the last check's time and result; 503 while
 * stopping) and `/metrics` (Prometheus text). Stopping never leaves a number half-applied.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { DriftMetrics } from './metrics.js';
import { DriftScheduler, type DriftCheck } from './scheduler.js';

export interface OperatorOptions {
  schedule: string;
  check: DriftCheck;
  port: number;
  host: string;
  logger: Logger;
  clock: () => Date;
  /** Run a check right away instead of waiting for the first tick. */
  checkAtStart: boolean;
}

export interface RunningOperator {
  /** http://host:port */
  url: string;
  /** Stop scheduling, let a running check finish (or abandon it after graceMs), close the server. */
  stop(graceMs: number): Promise<{ abandoned: boolean }>;
}

export async function startOperator(options: OperatorOptions): Promise<RunningOperator> {
  const logger = options.logger.child({ component: 'serve' });
  const metrics = new DriftMetrics();
  let stopping = false;
  const scheduler = new DriftScheduler({
    schedule: options.schedule,
    check: options.check,
    logger,
    clock: options.clock,
    events: { started: () => metrics.started(), finished: (record) => metrics.finished(record), skipped: () => metrics.skippedCheck() },
  });

  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      logger.error({ err: error }, 'request failed');
      if (!res.headersSent) send(res, 500, 'application/json', JSON.stringify({ error: 'internal error' }));
    });
  });

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'application/json', JSON.stringify({ error: 'use GET' }), { allow: 'GET, HEAD' });
    if (path === '/healthz') {
      const body = {
        status: stopping ? 'stopping' : 'ok',
        schedule: options.schedule,
        checking: scheduler.busy,
        lastCheck: scheduler.lastCheck ?? null,
        nextCheck: scheduler.nextRun()?.toISOString() ?? null,
        ...scheduler.stats,
      };
      return send(res, stopping ? 503 : 200, 'application/json', `${JSON.stringify(body)}\n`);
    }
    if (path === '/metrics') return send(res, 200, metrics.contentType, await metrics.text());
    return send(res, 404, 'application/json', JSON.stringify({ error: 'not found: use /healthz or /metrics' }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  scheduler.start();
  if (options.checkAtStart) void scheduler.tick();
  logger.info({ port: address.port, schedule: options.schedule }, 'callflow serve started');

  return {
    url: `http://${host}:${address.port}`,
    async stop(graceMs) {
      stopping = true;
      logger.info({ checking: scheduler.busy }, 'stopping');
      const { abandoned } = await scheduler.stop(graceMs);
      if (abandoned) logger.warn({ graceMs }, 'abandoned the running drift check; it stops between numbers, so none is half-applied');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      logger.info({ abandoned }, 'callflow serve stopped');
      return { abandoned };
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store', ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}
