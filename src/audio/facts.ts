import { z } from 'zod';

/** What ffprobe could read of the file. A failure here is a fact about the content, so it is cached too. */
const probed = z.object({
  ok: z.literal(true),
  /** ffprobe's demuxer name, e.g. `mp3`, `wav`, `mov,mp4,m4a,3gp,3g2,mj2`. */
  formatName: z.string(),
  formatLongName: z.string().optional(),
  /** Codec of the first audio stream; absent when there is none. */
  codec: z.string().optional(),
  codecLongName: z.string().optional(),
  /** What the container declares (for MP3, the Xing/Info header when there is one). */
  durationSeconds: z.number().optional(),
  /** What the audio packets actually add up to, when countable (MP3 frames): catches truncation. */
  packetSeconds: z.number().optional(),
  sampleRate: z.number().optional(),
  channels: z.number().optional(),
  /** Bits per second. */
  bitRate: z.number().optional(),
  audioStreams: z.number(),
  /** Embedded pictures (cover art) and any other video stream. */
  pictureStreams: z.number(),
  /** Every tag key of the format and its streams (values are not needed by any rule). */
  tagKeys: z.array(z.string()),
});

const failed = z.object({
  ok: z.literal(false),
  /** `unreadable`: ffprobe refused it; `timeout`: it hung (never cached); `skipped`: too big to bother. */
  reason: z.enum(['unreadable', 'timeout', 'skipped']),
  /** ffprobe's own words, trimmed. */
  error: z.string(),
});

export const audioFacts = z.object({
  size: z.number(),
  sniffed: z.enum(['empty', 'mp3', 'mp4', 'wav', 'ogg', 'flac', 'aiff', 'unknown']),
  id3v2Bytes: z.number(),
  /** What breaks the ID3v2 header's format (a size byte ≥ 0x80, a footer announced but absent). */
  id3v2Problem: z.string().optional(),
  appleMarkers: z.array(z.string()),
  probe: z.discriminatedUnion('ok', [probed, failed]),
});

/** Everything the audio rules need to know about one file's content (cached by sha256). */
export type AudioFacts = z.infer<typeof audioFacts>;
export type ProbedAudio = z.infer<typeof probed>;
