/** "Credentials only from environment variables; never printed, logged or written." */
import { Writable } from 'node:stream';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging.js';
import { SandboxProvider } from '../../src/providers/sandbox/sandbox-provider.js';
import { parseFaults } from '../../src/sandbox/faults.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { seedStore } from '../../src/sandbox/seed.js';
import { SEED, tempDir, removeTempDirs } from '../sandbox/helpers.js';

const SECRET = { id: 'acct-7781', token: 'tok_S3cr3t-Do-Not-Log-9f2c' };
const BASIC = Buffer.from(`${SECRET.id}:${SECRET.token}`).toString('base64');

function capture() {
  const lines: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { lines.push(String(chunk)); done(); } });
  return { lines, logger: createLogger({ level: 'trace', destination: stream }) };
}

afterAll(removeTempDirs);

describe('credentials in logs and errors', () => {
  it('never appear in any log line or error message, whatever happens', async () => {
    const { lines, logger } = capture();
    const dir = await tempDir();
    const sandbox = await startSandbox({ dataDir: dir, credentials: SECRET, logger, rateLimit: 10_000, faults: parseFaults('rate=0.3,status=500|503|429,seed=3') });
    await seedStore(sandbox.store, SEED);
    const errors: string[] = [];
    const note = (error: unknown) => errors.push(`${String(error)}\n${(error as Error).stack ?? ''}`);
    const provider = new SandboxProvider({ baseUrl: sandbox.url, credentials: SECRET, logger, retries: 5, random: () => 0, maxRateLimitWaitMs: 0 });

    for (let i = 0; i < 30; i += 1) await provider.listNumbers().catch(note); // faults: 5xx retried, 429 given up at once
    await provider.readNumber('nope').catch(note);
    await new SandboxProvider({ baseUrl: sandbox.url, credentials: { id: SECRET.id, token: 'wrong' }, logger }).listNumbers().catch(note);
    await sandbox.close();
    await provider.listNumbers().catch(note); // connection refused
    // Even a careless log call is censored.
    logger.error({ headers: { authorization: `Basic ${BASIC}` }, token: SECRET.token, config: { password: SECRET.token } }, 'careless');

    expect(errors.length).toBeGreaterThanOrEqual(4);
    expect(errors.join('\n')).toMatch(/RateLimitError[\s\S]*NotFoundError[\s\S]*AuthError[\s\S]*connection refused/);
    expect(lines.length).toBeGreaterThan(30);
    const everything = [...lines, ...errors];
    for (const text of everything) {
      expect(text).not.toContain(SECRET.token);
      expect(text).not.toContain(BASIC);
    }
    // Nor written to the store.
    for (const file of await readdir(dir)) {
      if (file.endsWith('.json')) expect(await readFile(join(dir, file), 'utf8')).not.toContain(SECRET.token);
    }
    expect(lines.some((line) => line.includes('"component":"sandbox"'))).toBe(true);
    expect(lines.some((line) => line.includes('"component":"provider-sandbox"'))).toBe(true);
  });
});
