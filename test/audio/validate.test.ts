import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIO_CACHE_VERSION, audioCacheDir } from '../../src/audio/cache.js';
import { audioContentCheck } from '../../src/audio/repo-check.js';
import { loadRepo } from '../../src/config/load.js';
import { validateRepo } from '../../src/pipeline/validate-repo.js';
import { fixture, LINES, makeToneMp3, runCli, tempDir, writeRepo } from './helpers.js';

const EXAMPLE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
});
afterEach(() => cleanup());

async function validateCounting(root: string) {
  let stats = { probed: 0, fromCache: 0 };
  const result = await validateRepo({ root }, [audioContentCheck({ onStats: (s) => (stats = { ...s }) })]);
  return { problems: result.problems, stats };
}

describe('callflow validate inspects audio content', () => {
  it('points each audio problem at the YAML line that references the file', async () => {
    await writeRepo(dir, { welcome: 'audio/welcome.mp3', hold: 'audio/hold.mp3', vm: 'audio/vm.mp3' }, {
      'audio/welcome.mp3': fixture('apple-aac.mp3'),
      'audio/hold.mp3': fixture('cover-art.mp3'),
      'audio/vm.mp3': fixture('mono.mp3'),
    });
    const { code, out } = await runCli(dir, ['validate', '--format', 'json']);
    expect(code).toBe(1);
    const problems = (JSON.parse(out) as { problems: Array<{ rule: string; file: string; line: number; severity: string }> }).problems;
    const at = (rule: string) => problems.filter((p) => p.rule === rule).map((p) => `${p.file}:${p.line} ${p.severity}`);
    expect(at('audio/container')).toEqual([`config/numbers/support.yaml:${LINES.welcome} error`]);
    expect(at('audio/apple-metadata')).toEqual([`config/numbers/support.yaml:${LINES.welcome} error`]);
    expect(at('audio/cover-art')).toEqual([`config/numbers/support.yaml:${LINES.hold} error`]);
    // 4.2 s of speech as hold music: too short to loop.
    expect(at('audio/duration')).toEqual([`config/numbers/support.yaml:${LINES.hold} warning`]);
  });

  it('reports a file once per place that references it, with that place’s use', async () => {
    makeToneMp3(join(dir, 'long.mp3'), 61);
    await writeRepo(dir, { welcome: 'audio/long.mp3', hold: 'audio/long.mp3', vm: 'audio/long.mp3' }, { 'audio/long.mp3': join(dir, 'long.mp3') });
    const { problems, stats } = await validateCounting(dir);
    const duration = problems.filter((p) => p.rule === 'audio/duration');
    // Too long to welcome callers or greet a voicemail; fine as hold music.
    expect(duration.map((p) => p.line)).toEqual([LINES.welcome, LINES.vm]);
    expect(duration[0]!.message).toMatch(/lasts 61\.\d s; a message over 60 s/);
    expect(stats.probed).toBe(1);
  });

  it('probes each file once, then answers from the cache until the content changes', async () => {
    await writeRepo(dir, { welcome: 'audio/a.mp3', hold: 'audio/b.mp3', vm: 'audio/c.mp3' }, {
      'audio/a.mp3': fixture('mono.mp3'),
      'audio/b.mp3': fixture('mono-44k.mp3'),
      'audio/c.mp3': fixture('mono.mp3'), // same content as a.mp3: one probe for both
    });
    const cold = await validateCounting(dir);
    expect(cold.stats).toEqual({ probed: 2, fromCache: 0 });
    const warm = await validateCounting(dir);
    expect(warm.stats).toEqual({ probed: 0, fromCache: 2 });
    expect(warm.problems).toEqual(cold.problems);

    await copyFile(fixture('itunes-tags.mp3'), join(dir, 'audio/b.mp3'));
    const changed = await validateCounting(dir);
    expect(changed.stats).toEqual({ probed: 1, fromCache: 1 });
    expect(changed.problems.map((p) => p.rule)).toContain('audio/apple-metadata');
  });

  it('keeps its cache under .callflow/cache/, keyed by version and content hash, and safe to delete', async () => {
    await writeRepo(dir, { welcome: 'audio/a.mp3', hold: 'audio/a.mp3', vm: 'audio/a.mp3' }, { 'audio/a.mp3': fixture('mono-8k.mp3') });
    await validateCounting(dir);
    const sha = createHash('sha256').update(await readFile(fixture('mono-8k.mp3'))).digest('hex');
    const cacheDir = audioCacheDir(dir);
    expect(cacheDir).toBe(join(dir, '.callflow', 'cache', 'audio'));
    expect(await readdir(cacheDir)).toEqual([`v${AUDIO_CACHE_VERSION}-${sha}.json`]);

    await writeFile(join(cacheDir, `v${AUDIO_CACHE_VERSION}-${sha}.json`), '{ not json');
    expect((await validateCounting(dir)).stats).toEqual({ probed: 1, fromCache: 0 });
    await rm(join(dir, '.callflow'), { recursive: true });
    const again = await validateCounting(dir);
    expect(again.stats).toEqual({ probed: 1, fromCache: 0 });
    expect(again.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('records every referenced file’s sha256 in the model', async () => {
    await writeRepo(dir, { welcome: 'audio/a.mp3', hold: 'audio/b.mp3', vm: 'audio/a.mp3' }, {
      'audio/a.mp3': fixture('mono.mp3'),
      'audio/b.mp3': fixture('stereo-44k.mp3'),
    });
    const { repo } = await loadRepo({ root: dir });
    const hash = async (name: string) => createHash('sha256').update(await readFile(fixture(name))).digest('hex');
    expect(repo.audio.get('audio/a.mp3')!.sha256).toBe(await hash('mono.mp3'));
    expect(repo.audio.get('audio/b.mp3')!.sha256).toBe(await hash('stereo-44k.mp3'));
  });

  it('passes the example repo (five clean mp3s under audio/)', async () => {
    const { problems } = await validateRepo({ root: EXAMPLE_ROOT }, [audioContentCheck({ cache: { get: async () => undefined, set: async () => undefined } })]);
    expect(problems.filter((p) => p.rule.startsWith('audio/'))).toEqual([]);
  });
});
