import type { AudioFacts } from '../facts.js';
import { fixHint, type AudioRule } from './rule.js';

/** "MP3 audio inside (not AAC/m4a renamed)": name what the file really is. */
export const container: AudioRule = ({ path, facts }) => {
  const probe = facts.probe;
  const at = (message: string) => [{ severity: 'error' as const, rule: 'audio/container', message, hint: fixHint(path) }];
  if (!probe.ok) {
    if (probe.reason !== 'unreadable' || facts.size === 0) return [];
    const sniffed = SNIFFED_NAMES[facts.sniffed];
    return sniffed
      ? at(`is really ${sniffed}, not MP3 (and ffprobe cannot read it: ${probe.error})`)
      : [{ severity: 'error' as const, rule: 'audio/container', message: `is not audio: ffprobe cannot read it (${probe.error})`, hint: 'replace it with the actual recording' }];
  }
  if (probe.formatName !== 'mp3') return at(`is really ${describeContainer(probe.formatName, probe.formatLongName)}${codecPart(probe.codec)}, not MP3`);
  if (probe.audioStreams === 0) return at('has no audio stream');
  if (probe.codec !== 'mp3') return at(`holds ${codecName(probe.codec)} audio, not MP3`);
  return [];
};

const SNIFFED_NAMES: Partial<Record<AudioFacts['sniffed'], string>> = {
  mp4: 'an MP4/M4A file',
  wav: 'a WAV file',
  ogg: 'an Ogg file',
  flac: 'a FLAC file',
  aiff: 'an AIFF file',
};

function describeContainer(formatName: string, longName: string | undefined): string {
  const names = formatName.split(',');
  if (names.includes('mp4') || names.includes('mov')) return 'an MP4/M4A file';
  if (names.includes('wav')) return 'a WAV file';
  if (names.includes('ogg')) return 'an Ogg file';
  if (names.includes('flac')) return 'a FLAC file';
  if (names.includes('aiff')) return 'an AIFF file';
  if (names.includes('matroska') || names.includes('webm')) return 'a WebM/Matroska file';
  if (names.includes('aac')) return 'raw AAC (ADTS)';
  return `a ${longName ?? formatName} file`;
}

function codecPart(codec: string | undefined): string {
  return codec ? ` with ${codecName(codec)} audio` : ' with no audio stream';
}

function codecName(codec: string | undefined): string {
  if (!codec) return 'no';
  if (codec.startsWith('pcm_')) return 'PCM';
  return CODEC_NAMES[codec] ?? codec;
}

const CODEC_NAMES: Record<string, string> = {
  aac: 'AAC',
  alac: 'Apple Lossless',
  vorbis: 'Vorbis',
  opus: 'Opus',
  flac: 'FLAC',
  mp2: 'MP2',
  amr_nb: 'AMR',
};
