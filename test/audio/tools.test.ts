import { chmod, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findTool, packagedFfmpeg, packagedFfprobe } from '../../src/audio/tools.js';
import { tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

describe('finding ffmpeg and ffprobe', () => {
  it('uses the packaged binaries when installed', async () => {
    expect(await findTool('ffprobe', { packaged: packagedFfprobe(), env: { PATH: '' } })).toMatchObject({ source: 'package' });
    expect(await findTool('ffmpeg', { packaged: packagedFfmpeg(), env: { PATH: '' } })).toMatchObject({ source: 'package' });
  });

  it('makes a packaged binary executable when npm skipped its chmod and we own it', async () => {
    const binary = join(dir, 'ffmpeg');
    await writeFile(binary, '#!/bin/sh\necho ffmpeg\n');
    await chmod(binary, 0o644);
    expect(await findTool('ffmpeg', { packaged: binary, env: { PATH: '' } })).toEqual({ path: binary, source: 'package' });
    expect((await stat(binary)).mode & 0o100).toBe(0o100);
  });

  it('falls back to PATH, and finds nothing when there is nothing', async () => {
    const bin = join(dir, 'bin');
    await mkdir(bin);
    expect(await findTool('ffmpeg', { packaged: join(dir, 'absent'), env: { PATH: bin } })).toBeUndefined();
    await writeFile(join(bin, 'ffmpeg'), '#!/bin/sh\n');
    await chmod(join(bin, 'ffmpeg'), 0o755);
    expect(await findTool('ffmpeg', { packaged: undefined, env: { PATH: `/nonexistent:${bin}` } })).toEqual({ path: join(bin, 'ffmpeg'), source: 'PATH' });
  });
});
