import { z } from 'zod';

/** The part of `ffprobe -print_format json -show_format -show_streams -count_packets` we read. */
const numeric = z.union([z.string(), z.number()]).optional().transform((value) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
});
const tags = z.record(z.string(), z.unknown()).optional();

export const ffprobeJson = z.object({
  streams: z
    .array(
      z.object({
        codec_type: z.string().optional(),
        codec_name: z.string().optional(),
        codec_long_name: z.string().optional(),
        sample_rate: numeric,
        channels: numeric,
        bit_rate: numeric,
        duration: numeric,
        nb_read_packets: numeric,
        disposition: z.object({ attached_pic: numeric }).partial().optional(),
        tags,
      }),
    )
    .default([]),
  format: z
    .object({
      format_name: z.string().optional(),
      format_long_name: z.string().optional(),
      duration: numeric,
      bit_rate: numeric,
      tags,
    })
    .optional(),
});

export type FfprobeJson = z.infer<typeof ffprobeJson>;
