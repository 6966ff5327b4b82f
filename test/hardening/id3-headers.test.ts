/**
 * Issue #17, item 14: an ID3 header that breaks its own format (a size byte ≥ 0x80 where
 * sizes are 7 bits a byte, a footer announced but absent) was accepted and uploaded; the
 * platform may read such a file as anything. It is `audio/unreadable`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { id3v2Header } from '../../src/audio/sniff.js';
import { fixture, runCli, tempDir } from '../audio/helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

async function variant(name: string, edit: (bytes: Buffer) => void): Promise<string> {
  const bytes = Buffer.from(await readFile(fixture('mono-44k.mp3')));
  edit(bytes);
  await writeFile(join(dir, name), bytes);
  return name;
}

async function check(file: string) {
  const { code, out } = await runCli(dir, ['audio', 'check', file, '--format', 'json', '--no-cache']);
  return { code, file: (JSON.parse(out) as { files: Array<{ verdict: string; problems: Array<{ rule: string; message: string }> }> }).files[0]! };
}

describe('malformed ID3 headers', () => {
  it('a size byte with its high bit set is audio/unreadable', async () => {
    const { code, file } = await check(await variant('size.mp3', (b) => void (b[9] = 0x8a)));
    expect(code).toBe(1);
    expect(file.verdict).toBe('error');
    expect(file.problems).toContainEqual(expect.objectContaining({ rule: 'audio/unreadable', message: expect.stringContaining('ID3') }));
  });

  it('a footer flag without the footer is audio/unreadable', async () => {
    const { code, file } = await check(await variant('footer.mp3', (b) => void (b[5] = b[5]! | 0x10)));
    expect(code).toBe(1);
    expect(file.problems).toContainEqual(expect.objectContaining({ rule: 'audio/unreadable', message: expect.stringContaining('footer') }));
  });

  it('the untouched file, and every well-formed fixture, pass', async () => {
    const fine = (await check(await variant('fine.mp3', () => undefined))).file;
    // Other rules may warn about this fixture (its rate, its bitrate); none says it is unreadable.
    expect(fine.verdict).not.toBe('error');
    expect(fine.problems.map((p) => p.rule)).not.toContain('audio/unreadable');
    for (const name of ['cover-art.mp3', 'itunes-tags.mp3', 'id3-100k.mp3', 'mono-8k.mp3']) {
      expect(id3v2Header(Buffer.from(await readFile(fixture(name)))).problem, name).toBeUndefined();
    }
  });
});
