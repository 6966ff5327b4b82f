import { z } from 'zod';
import { itemName, languageTag } from './common.js';

/** The platform limits text-to-speech prompts; longer texts should be recorded. */
export const MAX_TTS_CHARACTERS = 1000;

export const ttsMessage = z
  .strictObject({
    tts: z.string().min(1, { error: 'text-to-speech text is empty' }).meta({ description: 'Text the caller hears, read by text-to-speech.' }),
    language: languageTag.optional().meta({ description: 'Overrides the number file\'s language.' }),
    voice: z.enum(['female', 'male']).optional(),
  })
  .meta({ title: 'Text-to-speech message' });

export const fileMessage = z
  .strictObject({
    file: z.string().min(1).meta({ description: 'Repo-relative path of an .mp3 file, e.g. audio/fr/welcome.mp3.' }),
  })
  .meta({ title: 'Recorded message (mp3 file)' });

export const refMessage = z
  .strictObject({
    ref: itemName().meta({ description: 'Name of a shared message in config/messages/ (file name without .yaml).' }),
  })
  .meta({ title: 'Shared message' });

export const message = z.union([ttsMessage, fileMessage, refMessage]);

export type TtsMessage = z.infer<typeof ttsMessage>;
export type FileMessage = z.infer<typeof fileMessage>;
export type RefMessage = z.infer<typeof refMessage>;
export type Message = z.infer<typeof message>;
