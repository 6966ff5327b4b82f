/**
 * Issue #17, item 13: the sandbox answered 500 to malformed percent-encoding and to a
 * 20,000-deep draft document (400 with a reason is the answer), and left the temp files of
 * killed writers behind (they are removed when a store opens).
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging.js';
import { startSandbox } from '../../src/sandbox/server.js';
import { CREDENTIALS, removeTempDirs, startTestSandbox, tempDir } from '../sandbox/helpers.js';

afterAll(removeTempDirs);

const auth = `Basic ${Buffer.from(`${CREDENTIALS.id}:${CREDENTIALS.token}`).toString('base64')}`;

describe('sandbox input', () => {
  it('answers 400 with a reason to malformed percent-encoding in a path', async () => {
    const test = await startTestSandbox();
    try {
      for (const path of ['/numbers/%', '/numbers/%E0%A4%A', '/callflow/numbers/%ZZ/flow']) {
        const response = await fetch(`${test.sandbox.url}${path}`, { headers: { authorization: auth } });
        expect(response.status, path).toBe(400);
        expect(await response.json()).toMatchObject({ error: expect.any(String), troubleshoot: expect.stringMatching(/percent-encoding/) });
      }
    } finally {
      await test.close();
    }
  });

  it('answers 400 to a draft nested 20,000 deep, and keeps serving', async () => {
    const test = await startTestSandbox();
    try {
      const provider = test.provider();
      const [number] = await provider.listNumbers();
      const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
      const response = await fetch(`${test.sandbox.url}/callflow/numbers/${number!.id}/flow/draft`, {
        method: 'PUT',
        headers: { authorization: auth, 'content-type': 'application/json', 'if-match': '"0"' },
        body: `{"document":${deep}}`,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ troubleshoot: expect.stringMatching(/nested more than \d+ levels/) });
      expect((await provider.readNumber(number!.id)).flow?.latestVersion).toBe(0);
    } finally {
      await test.close();
    }
  });

  it('removes the temp files of dead writers when a store opens, and keeps those of live ones', async () => {
    const dir = await tempDir();
    // A pid that surely ran and ended: a child that has exited.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const deadState = `state.json.${dead}.${randomUUID()}.tmp`;
    const deadAsset = `${'a'.repeat(64)}.${dead}.${randomUUID()}.tmp`;
    const live = `state.json.${process.pid}.${randomUUID()}.tmp`;
    const first = await startSandbox({ dataDir: dir, credentials: CREDENTIALS, logger: silentLogger() });
    await first.close();
    await writeFile(join(dir, deadState), 'half a state');
    await writeFile(join(dir, 'assets', deadAsset), 'half an asset');
    await writeFile(join(dir, live), 'being written');
    const second = await startSandbox({ dataDir: dir, credentials: CREDENTIALS, logger: silentLogger() });
    await second.close();
    expect(await readdir(dir)).not.toContain(deadState);
    expect(await readdir(join(dir, 'assets'))).not.toContain(deadAsset);
    expect(await readdir(dir)).toContain(live);
  });
});
