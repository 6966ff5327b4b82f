import { resolve } from 'node:path';
import { loadRepo } from '../config/load.js';
import { audioReferences, type AudioUse } from '../model/audio-refs.js';
import { audioCacheDir, fileProbeCache, noProbeCache } from '../audio/cache.js';
import { checkNamedFile, checkReferencedFile, type AudioCheckRow } from '../audio/check-files.js';
import { fixAudio } from '../audio/fix.js';
import { createAudioInspector } from '../audio/inspect.js';
import { renderAudioJson, renderAudioTable } from '../audio/table.js';
import { findFfmpeg, findFfprobe } from '../audio/tools.js';
import { didYouMean } from '../config/did-you-mean.js';
import { parseCommandArgs, pickFormat, resolveLocations, UsageError } from './args.js';
import { EXIT, type CliIo } from './io.js';

export const usage = `Usage:
  callflow audio check [FILES...] [--format text|json] [--no-cache] [--root DIR] [--config DIR]
  callflow audio fix IN OUT [--force | --in-place] [--bitrate KBPS]

check  inspects each file with ffprobe (with no FILES: every file the config references) and
       prints format, codec, duration, sample rate, channels, bitrate, size and a verdict.
       Exit 1 when any file has an error.
fix    converts anything ffmpeg reads into a clean mono MP3 at the platform's parameters
       (16 kHz or lower, 16 kbps unless --bitrate says less; no metadata, no cover art) that
       passes every audio rule. It never makes a file bigger: when IN already passes and the
       result is not smaller, OUT gets IN's bytes. An existing OUT is replaced only with
       --force, and IN only when OUT is the same path and --in-place is given. Exit 1 when it cannot.`;

const SUBCOMMANDS = ['check', 'fix'];

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === 'check') return check(rest, io);
  if (sub === 'fix') return fix(rest, io);
  if (sub === undefined) throw new UsageError('say check or fix');
  const suggestion = didYouMean(sub, SUBCOMMANDS);
  throw new UsageError(`unknown subcommand "${sub}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`);
}

async function check(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { 'no-cache': { type: 'boolean' } }, true);
  const format = pickFormat(values.format, ['text', 'json'] as const, 'text');
  const { root, configDir } = resolveLocations(values, io);
  const ffprobe = await findFfprobe();
  if (!ffprobe) {
    io.stderr('callflow audio check: no ffprobe found. Run npm install (it brings ffprobe-static), or install ffmpeg (it includes ffprobe).');
    return EXIT.error;
  }
  const inspector = createAudioInspector({ ffprobe: ffprobe.path, cache: values['no-cache'] ? noProbeCache : fileProbeCache(audioCacheDir(root)) });

  let rows: AudioCheckRow[];
  if (positionals.length) {
    rows = await Promise.all(positionals.map((file) => checkNamedFile(inspector, io.cwd, file)));
  } else {
    const { repo } = await loadRepo({ root, configDir });
    const uses = new Map<string, AudioUse[]>();
    for (const ref of audioReferences(repo.numbers, repo.messages)) {
      const list = uses.get(ref.path);
      if (list) list.push(ref.use);
      else uses.set(ref.path, [ref.use]);
    }
    rows = await Promise.all([...uses].sort(([a], [b]) => a.localeCompare(b)).map(([path, pathUses]) => checkReferencedFile(inspector, repo.audio.get(path)!, pathUses)));
    if (!rows.length && format === 'text') io.stderr(`callflow audio check: ${configDir}/ references no audio file`);
  }

  io.stdout(format === 'json' ? renderAudioJson(rows) : renderAudioTable(rows));
  return rows.some((row) => row.verdict === 'error') ? EXIT.error : EXIT.ok;
}

async function fix(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, { 'in-place': { type: 'boolean' }, force: { type: 'boolean' }, bitrate: { type: 'string' } }, true);
  if (positionals.length !== 2) throw new UsageError('fix takes IN and OUT');
  const [input, output] = positionals.map((path) => resolve(io.cwd, path)) as [string, string];
  const bitrateKbps = values.bitrate === undefined ? undefined : Number(values.bitrate);
  if (bitrateKbps !== undefined && !(Number.isInteger(bitrateKbps) && bitrateKbps >= 8 && bitrateKbps <= 16)) {
    throw new UsageError(`--bitrate is in kbps, 8 to 16 (the platform takes 16 kbps or lower; got "${values.bitrate}")`);
  }

  const [ffmpeg, ffprobe] = await Promise.all([findFfmpeg(), findFfprobe()]);
  if (!ffmpeg || !ffprobe) {
    io.stderr(
      `callflow audio fix: no ${ffmpeg ? 'ffprobe' : 'ffmpeg'} found. Run npm install (it brings @ffmpeg-installer/ffmpeg and ffprobe-static), ` +
        'or install ffmpeg: apt-get install ffmpeg, brew install ffmpeg, or https://ffmpeg.org/download.html',
    );
    return EXIT.error;
  }
  const result = await fixAudio(input, output, {
    ffmpeg: ffmpeg.path,
    ffprobe: ffprobe.path,
    inPlace: values['in-place'] ?? false,
    force: values.force ?? false,
    ...(bitrateKbps !== undefined ? { bitrateKbps } : {}),
  });
  if (!result.ok) {
    const details = (result.findings ?? []).map((f) => `\n  ${f.severity} ${f.rule}: ${f.message}`).join('');
    io.stderr(`callflow audio fix: ${result.message}${details}`);
    return EXIT.error;
  }
  const probe = result.facts.probe.ok ? result.facts.probe : undefined;
  const seconds = probe?.packetSeconds ?? probe?.durationSeconds;
  const described = probe ? `mono MP3, ${probe.sampleRate} Hz, ${Math.round((probe.bitRate ?? 0) / 1000)} kbps, ${seconds?.toFixed(1)} s, ${result.facts.size} bytes` : `${result.facts.size} bytes`;
  if (result.keptInput) {
    io.stdout(`kept the bytes of ${positionals[0]} in ${positionals[1]} (${described}): it already meets the requirements and re-encoding would not make it smaller`);
    return EXIT.ok;
  }
  io.stdout(`wrote ${positionals[1]} (${described}) with ffmpeg from ${ffmpeg.source === 'package' ? '@ffmpeg-installer/ffmpeg' : ffmpeg.path}`);
  if (result.grewBecause) io.stdout(`note: it is bigger than ${positionals[0]}, whose bytes could not be kept (${result.grewBecause.join(', ')})`);
  for (const f of result.findings) io.stdout(`${f.severity} ${f.rule}: ${f.message}`);
  return EXIT.ok;
}
