/**
 * "No partial file is ever visible": the store replaces its snapshot and writes audio through
 * writeDurably (temp file, fsync, rename). A reader in another process reads the file without
 * pause while it is replaced again and again; every read must be one whole version.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDurably } from '../../src/sandbox/durable-file.js';
import { removeTempDirs, tempDir } from './helpers.js';

const READER = fileURLToPath(new URL('./child-reader.ts', import.meta.url));
const SIZE = 4 * 1024 * 1024;
const WRITES = 60;

afterAll(removeTempDirs);

describe('the durable write protocol', () => {
  it('never lets a concurrent reader see a partial file', async () => {
    const path = join(await tempDir(), 'state.json');
    const versions = [Buffer.alloc(SIZE, 'A'), Buffer.alloc(SIZE, 'B')];
    await writeFile(path, versions[0]!);
    const reader = spawn(process.execPath, ['--import', 'tsx', READER, path, String(SIZE)], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const lines = createInterface({ input: reader.stdout! })[Symbol.asyncIterator]();
      expect((await lines.next()).value).toBe('ready');
      for (let i = 1; i <= WRITES; i += 1) await writeDurably(path, versions[i % 2]!);
      reader.stdin!.write('stop\n');
      const { reads, partial } = JSON.parse((await lines.next()).value as string) as { reads: number; partial: number };
      expect(partial).toBe(0);
      // The reader really ran alongside the writes.
      expect(reads).toBeGreaterThan(WRITES);
    } finally {
      reader.kill('SIGKILL');
    }
  });
});
