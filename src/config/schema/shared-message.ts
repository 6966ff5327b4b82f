import { z } from 'zod';
import { fileMessage, ttsMessage } from './message.js';

export const sharedMessageFile = z
  .strictObject({
    description: z.string().optional(),
    message: z.union([ttsMessage, fileMessage]),
  })
  .meta({ title: 'callflow shared message', description: 'A reusable message (config/messages/*.yaml), used as { ref: NAME }.' });

export type SharedMessageConfig = z.infer<typeof sharedMessageFile>;
