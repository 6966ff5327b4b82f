import { loadRepo } from '../config/load.js';
import { formatProblemsText } from '../report/format-text.js';
import { runRules } from '../rules/index.js';
import { parseAnswer, parseKeysFlag } from '../simulate/caller.js';
import { invalidKeySlots } from '../simulate/caller.js';
import { findNumber, noNumberMatches, unloadedNumberFile } from '../simulate/find-number.js';
import { simulateCall } from '../simulate/interpreter.js';
import { instantOf } from '../simulate/local-time.js';
import { renderTranscript } from '../simulate/transcript.js';
import { sharedFileErrors } from '../simulate/untested.js';
import { CommandError, parseCommandArgs, pickFormat, resolveLocations, UsageError } from './args.js';
import { checkWritableFile, writeUserFile } from './files.js';
import { EXIT, type CliIo } from './io.js';

export const usage = `Usage: callflow simulate NUMBER [--at ISO] [--keys K1,K2,...] [--answer never|always|after:N]
                         [--format text|json] [--audio OUT.wav] [--root DIR] [--config DIR]

Walks one call through a number's flow and prints what the caller hears.
  NUMBER     the E.164 number (+33176360000), the file name (support-fr) or its path
  --at       when the call arrives (default now); without an offset it is local time in the
             number's timezone, e.g. 2026-11-30T10:00 (a time skipped by DST moves forward)
  --keys     what the caller types at each prompt in turn; an empty slot is silence until
             the timeout: --keys 1,,12345678#
  --answer   agents at ring steps: never (default), always, or after:N seconds
  --audio    also render the call into one WAV file to listen to (TTS with espeak-ng: the binary when installed, its WebAssembly build otherwise)
Exit 0 when the call reaches an end, 1 when the flow gets stuck or loops, or when a schedule or
shared message it uses has errors (they are shown first).`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    argv,
    { at: { type: 'string' }, keys: { type: 'string' }, answer: { type: 'string' }, audio: { type: 'string' } },
    true,
  );
  const format = pickFormat(values.format, ['text', 'json'] as const, 'text');
  if (positionals.length !== 1) throw new UsageError('give exactly one NUMBER (E.164 number, file name or path)');
  const answer = parseAnswer(values.answer);
  if (!answer) throw new UsageError(`--answer must be never, always or after:SECONDS (got "${values.answer}")`);
  const keys = parseKeysFlag(values.keys);
  const badKeys = invalidKeySlots(keys);
  if (badKeys.length) throw new UsageError(`--keys: ${badKeys.join(', ')}: only 0-9, * and # can be pressed`);

  if (values.audio === '') throw new UsageError('--audio needs a file name (OUT.wav)');
  // Where the preview goes and what renders it are checked before the call is walked: a path
  // that cannot be written fails now, in one line, not after the transcript.
  const ffmpeg = values.audio === undefined ? undefined : await previewTools(io, values.audio);

  const { root, configDir } = resolveLocations(values, io);
  const { repo, problems, sources } = await loadRepo({ root, configDir });
  const query = positionals[0]!;
  const entry = findNumber(repo, query, io.cwd);
  const unloaded = entry ? undefined : unloadedNumberFile(repo, sources.keys(), query, io.cwd);
  if (unloaded) {
    io.stderr(formatProblemsText(problems.filter((p) => p.severity === 'error' && p.file === unloaded), { color: io.isTTY, sources }));
    io.stderr(`callflow simulate: ${unloaded} did not load (errors above): its flow cannot be walked`);
    return EXIT.error;
  }
  if (!entry) {
    const loadErrors = problems.filter((p) => p.severity === 'error');
    if (loadErrors.length) io.stderr(formatProblemsText(loadErrors, { color: io.isTTY, sources }));
    io.stderr(`callflow simulate: ${noNumberMatches(repo, query, io.cwd)}`);
    return EXIT.error;
  }
  // The flow still runs with errors (the transcript shows where it gets stuck), but say so first:
  // its own, and those of a schedule or shared message it uses. A call routed by a schedule with
  // errors (an unknown holiday calendar, overlapping hours) may reach an end no caller would: exit 1.
  const found = [...problems, ...runRules(repo)];
  const ownErrors = found.filter((p) => p.severity === 'error' && p.file === entry.file);
  const sharedErrors = sharedFileErrors(repo, entry.config, found);
  const errors = [...ownErrors, ...sharedErrors];
  if (errors.length) {
    const why = sharedErrors.length ? 'a schedule or message it uses has errors: the call below may not be what callers get' : 'the flow has errors; the simulation may stop early';
    io.stderr(`${formatProblemsText(errors, { color: io.isTTY, sources })}\n\n(${why})`);
  }

  const at = values.at === undefined ? Date.now() : instantOf(values.at, entry.config.timezone);
  if (at === undefined) throw new UsageError(`--at must be an ISO date-time such as 2026-11-30T10:00 or 2026-11-30T10:00:00+01:00 (got "${values.at}")`);
  const simulation = simulateCall(repo, entry.config, { at, keys, answer });

  if (format === 'json') io.stdout(JSON.stringify({ file: entry.file, ...simulation }, null, 2));
  else io.stdout(renderTranscript(simulation));

  if (values.audio !== undefined && ffmpeg !== undefined) {
    const { PreviewError, renderCallAudio } = await import('../simulate/audio-preview.js');
    const { findTool } = await import('../audio/tools.js');
    const espeak = await findTool('espeak-ng', { env: io.env['PATH'] === undefined ? process.env : io.env });
    const preview = await renderCallAudio(simulation, { root, ffmpeg, espeak: espeak?.path }).catch((error: unknown) => {
      throw error instanceof PreviewError ? new CommandError(`cannot render ${values.audio}: ${error.message}`) : error;
    });
    await writeUserFile(io, values.audio, preview.wav);
    for (const note of preview.notes) io.stderr(`note: ${note}`);
    io.stderr(`audio preview: ${values.audio} (${preview.seconds.toFixed(1)} s${preview.speech ? `, text-to-speech by ${preview.speech}` : ''})`);
  }
  return simulation.ending === 'stuck' || simulation.ending === 'loop' || sharedErrors.length ? EXIT.error : EXIT.ok;
}

/** The ffmpeg that will render the preview into `out`, once `out` is known to be writable as a WAV file. */
async function previewTools(io: CliIo, out: string): Promise<string> {
  if (!/\.wav$/i.test(out)) throw new CommandError(`cannot write ${out}: the audio preview is a WAV file; give a name ending in .wav`);
  await checkWritableFile(io, out);
  const { findFfmpeg } = await import('../audio/tools.js');
  const ffmpeg = await findFfmpeg();
  if (!ffmpeg) throw new CommandError('--audio needs ffmpeg and none was found: run npm install (it brings @ffmpeg-installer/ffmpeg), or install ffmpeg');
  return ffmpeg.path;
}
