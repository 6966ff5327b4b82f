/**
 * Audio inspection in `validate`: cold (every file probed by ffprobe) and warm (every answer from
 * .callflow/cache/audio/) for the example repo and for 200 distinct mp3s. In-process, so the
 * figures are the audio check's own cost plus loading (which hashes every file), not node's startup.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { audioContentCheck } from '../src/audio/repo-check.js';
import { validateRepo } from '../src/pipeline/validate-repo.js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const DISTINCT_FILES = 200;

export async function run(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'callflow-audio-bench-'));
  try {
    const example = join(work, 'example');
    cpSync(join(repoRoot, 'config'), join(example, 'config'), { recursive: true });
    cpSync(join(repoRoot, 'audio'), join(example, 'audio'), { recursive: true });
    await coldAndWarm('example repo (5 mp3s)', example);

    const generated = join(work, 'generated');
    generateRepo(generated, DISTINCT_FILES);
    await coldAndWarm(`${DISTINCT_FILES} distinct mp3s`, generated);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function coldAndWarm(label: string, root: string): Promise<void> {
  const baseline = performance.now();
  await validateRepo({ root }, []);
  console.log(`${label.padEnd(24)} no audio check: ${(performance.now() - baseline).toFixed(0).padStart(6)} ms  (load, hash, rules)`);
  for (const pass of ['cold', 'warm'] as const) {
    let stats = { probed: 0, fromCache: 0 };
    const started = performance.now();
    const { problems } = await validateRepo({ root }, [audioContentCheck({ onStats: (s) => (stats = { ...s }) })]);
    const ms = performance.now() - started;
    const errors = problems.filter((p) => p.severity === 'error').length;
    console.log(`${label.padEnd(24)} ${pass}: ${ms.toFixed(0).padStart(6)} ms  probed ${stats.probed}, from cache ${stats.fromCache}, ${errors} errors`);
  }
}

/**
 * 200 shared messages, each its own mp3: one real encode, then a distinct small ID3 tag per copy
 * (distinct content, distinct sha256, a real file ffprobe must read in full).
 */
function generateRepo(root: string, count: number): void {
  mkdirSync(join(root, 'config', 'messages'), { recursive: true });
  mkdirSync(join(root, 'audio', 'gen'), { recursive: true });
  const base = join(root, 'base.mp3');
  execFileSync('ffmpeg', ['-nostdin', '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'sine=frequency=330:sample_rate=16000:duration=8', '-ac', '1', '-b:a', '16k', base]);
  const audio = readFileSync(base);
  for (let i = 0; i < count; i++) {
    writeFileSync(join(root, 'audio', 'gen', `m${i}.mp3`), Buffer.concat([id3WithTitle(`message ${i}`), audio]));
    writeFileSync(join(root, 'config', 'messages', `m${i}.yaml`), `message: { file: audio/gen/m${i}.mp3 }\n`);
  }
}

/** A minimal ID3v2.3 tag holding one TIT2 (title) frame. */
function id3WithTitle(title: string): Buffer {
  const text = Buffer.concat([Buffer.from([0]), Buffer.from(title, 'latin1')]);
  const frame = Buffer.concat([Buffer.from('TIT2', 'latin1'), u32(text.length), Buffer.from([0, 0]), text]);
  const size = frame.length;
  const syncsafe = Buffer.from([(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f]);
  return Buffer.concat([Buffer.from('ID3', 'latin1'), Buffer.from([3, 0, 0]), syncsafe, frame]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}
