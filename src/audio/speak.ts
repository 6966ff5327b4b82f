/**
 * Text-to-speech for listening to a flow: the espeak-ng binary when installed, otherwise the
 * same engine compiled to WebAssembly (the optional npm package `espeak-ng`, GPL-3.0-or-later),
 * so a fresh clone hears its TTS without an apt step.
 */
import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';

export type SpeechEngine = 'espeak-ng' | 'espeak-ng (WebAssembly)';

export type SpeakResult = { ok: true; engine: SpeechEngine } | { ok: false; message: string };

export interface SpeakOptions {
  /** Path of the espeak-ng binary; undefined when it is not installed. */
  binary?: string | undefined;
}

interface WasmSpeaker {
  FS: { readFile(path: string): Uint8Array };
}
type WasmFactory = (options: { arguments: string[]; print?: (text: string) => void; printErr?: (text: string) => void }) => Promise<WasmSpeaker>;

/** Write `text` spoken with `voice` (an espeak-ng voice such as `fr+f3`) as a WAV file at `out`. */
export async function speakToWav(text: string, voice: string, out: string, options: SpeakOptions = {}): Promise<SpeakResult> {
  if (options.binary) {
    const run = await exec(options.binary, ['-v', voice, '-w', out, text]);
    if (run.code === 0) return { ok: true, engine: 'espeak-ng' };
  }
  const factory = await loadWasm();
  if (!factory) return { ok: false, message: 'no text-to-speech engine: install espeak-ng, or run npm install (it brings the optional espeak-ng package)' };
  try {
    const quiet = () => undefined;
    const speaker = await factory({ arguments: ['-v', voice, '-w', 'out.wav', text], print: quiet, printErr: quiet });
    await writeFile(out, speaker.FS.readFile('out.wav'));
    return { ok: true, engine: 'espeak-ng (WebAssembly)' };
  } catch (error) {
    return { ok: false, message: `espeak-ng (WebAssembly) could not speak: ${(error as Error).message}` };
  }
}

async function loadWasm(): Promise<WasmFactory | undefined> {
  // A variable specifier: the package is optional and ships no types.
  const specifier = 'espeak-ng';
  try {
    const loaded = (await import(specifier)) as { default?: unknown };
    return typeof loaded.default === 'function' ? (loaded.default as WasmFactory) : undefined;
  } catch {
    return undefined;
  }
}

function exec(command: string, args: string[]): Promise<{ code: number }> {
  return new Promise((done) => {
    const child = spawn(command, args, { stdio: 'ignore' });
    child.on('error', () => done({ code: -1 }));
    child.on('close', (code) => done({ code: code ?? -1 }));
  });
}
