import { chmod, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFfmpeg } from '../../src/audio/tools.js';
import { PreviewError, renderCallAudio } from '../../src/simulate/audio-preview.js';
import { simulateCall } from '../../src/simulate/interpreter.js';
import { exampleRepo } from '../fixtures/broken/harness.js';

async function aCall() {
  const repo = await exampleRepo();
  const entry = repo.numbers.find((n) => n.file === 'config/numbers/support-fr.yaml')!;
  return { repo, simulation: simulateCall(repo, entry.config, { at: Date.UTC(2026, 10, 30, 9), keys: ['1'], answer: { kind: 'never' } }) };
}

/** A stand-in for the ffmpeg binary (an external tool): prints `stderr` and exits 1. */
async function failingTool(stderr: string): Promise<string> {
  const tool = join(await mkdtemp(join(tmpdir(), 'callflow-preview-test-')), 'ffmpeg');
  await writeFile(tool, `#!/bin/sh\nprintf '%s' '${stderr.replaceAll("'", "'\\''")}' >&2\nexit 1\n`);
  await chmod(tool, 0o755);
  return tool;
}

describe('renderCallAudio', () => {
  it('renders with a temporary directory whose name has a quote or a line break (they broke ffmpeg\'s concat list)', async () => {
    const { repo, simulation } = await aCall();
    const ffmpeg = (await findFfmpeg())!.path;
    const before = process.env['TMPDIR'];
    try {
      for (const name of ["it's here", 'two\nlines']) {
        process.env['TMPDIR'] = await mkdtemp(join(tmpdir(), name));
        const preview = await renderCallAudio(simulation, { root: repo.root, ffmpeg });
        expect(preview.wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
        expect(preview.seconds).toBeGreaterThan(6); // the ringback alone is 6 s
        expect(preview.wav.length).toBe(44 + preview.seconds * 32_000);
      }
    } finally {
      if (before === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = before;
    }
  });

  it('fails with one line: ffmpeg\'s first complaint without its "[muxer @ 0x…]" prefix, not its whole output', async () => {
    const { repo, simulation } = await aCall();
    const ffmpeg = await failingTool('\n[wav @ 0x55d0c0ffee00] Could not write header for output file #0\nError initializing output stream 0:0\nConversion failed!\n');
    const error = await renderCallAudio(simulation, { root: repo.root, ffmpeg }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreviewError);
    expect((error as Error).message).toBe('ffmpeg failed: Could not write header for output file #0');
  });

  it('says when ffmpeg said nothing, or could not be started', async () => {
    const { repo, simulation } = await aCall();
    const silent = await renderCallAudio(simulation, { root: repo.root, ffmpeg: await failingTool('') }).catch((e: unknown) => e);
    expect((silent as Error).message).toBe('ffmpeg failed: exit code 1');
    const missing = await renderCallAudio(simulation, { root: repo.root, ffmpeg: '/nonexistent/ffmpeg' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(PreviewError);
    expect((missing as Error).message).toMatch(/^ffmpeg could not be started \(spawn \/nonexistent\/ffmpeg ENOENT\)$/);
  });
});
