import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, silentLogger } from '../../src/logging.js';
import { planRepo } from '../../src/pipeline/index.js';
import { seedFromRepo } from '../../src/sandbox/seed.js';
import { removeTempDirs, startTestSandbox, tempDir } from '../sandbox/helpers.js';
import { validateRepo } from '../../src/pipeline/validate-repo.js';

afterAll(removeTempDirs);

/** A repo of N small numbers, each with its own flow. */
async function generatedRepo(count: number): Promise<string> {
  const root = await tempDir('callflow-plan-requests-');
  mkdirSync(join(root, 'config', 'numbers'), { recursive: true });
  for (let i = 0; i < count; i += 1) {
    const digits = `+3319${String(i).padStart(7, '0')}`;
    writeFileSync(
      join(root, 'config', 'numbers', `n${i}.yaml`),
      `number: "${digits}"\nname: Line ${i}\ntimezone: Europe/Paris\nlanguage: fr-FR\nflow:\n  start: bye\n  steps:\n    bye: { type: hangup, message: { tts: "Au revoir ${i}." } }\n`,
    );
  }
  return root;
}

/** Every request the server answered, as its own debug log names them. */
function requestLog() {
  const lines: Array<{ method: string; path: string }> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { msg?: string; method?: string; path?: string };
        if (entry.msg === 'request' && entry.method && entry.path) lines.push({ method: entry.method, path: entry.path });
      }
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'debug', destination }) };
}

describe('a plan reads the account at the lower bound of requests', () => {
  it.each([1, 50, 51, 120])('%i numbers: ⌈N/50⌉ list pages, nothing else', async (count) => {
    const root = await generatedRepo(count);
    const { repo } = await validateRepo({ root, configDir: 'config' });
    const log = requestLog();
    const t = await startTestSandbox({ logger: log.logger, seed: seedFromRepo(repo) });
    log.lines.length = 0;
    try {
      const outcome = await planRepo({
        root,
        configDir: 'config',
        logger: silentLogger(),
        clock: () => new Date('2026-11-25T12:00:00Z'),
        checks: [],
        connect: async () => t.provider(),
      });
      expect(outcome.kind).toBe('planned');
      if (outcome.kind !== 'planned') return;
      expect(outcome.plan.summary.createFlow).toBe(count);
      expect(log.lines).toHaveLength(Math.ceil(count / 50));
      expect(log.lines.every((r) => r.method === 'GET' && r.path === '/v1/numbers')).toBe(true);
    } finally {
      await t.close();
    }
  });
});

