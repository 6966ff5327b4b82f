import { z } from 'zod';
import { e164, languageTag, stepName, stepRef, timezone } from './common.js';
import { step } from './step.js';

const caller = z.union([z.string(), z.number().int().nonnegative()]).transform(String);

export const flowTest = z.strictObject({
  name: z.string().min(1),
  at: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$/, {
      error: 'an ISO date-time such as 2026-11-29T11:00:00 (local to the number\'s timezone unless it has an offset)',
    })
    .meta({ description: 'When the call happens; without an offset it is local time in the number\'s timezone.' }),
  keys: z
    .array(caller)
    .default([])
    .meta({ description: 'What the caller types at each IVR in turn; "" means no input within the timeout.' }),
  answer: z
    .string()
    .regex(/^(never|always|after:\d+)$/, { error: '"never", "always" or "after:SECONDS"' })
    .optional()
    .meta({ description: 'Agent availability at ring steps (default never).' }),
  expect: z.union([
    z.array(stepRef).meta({ description: 'The steps the call goes through, in order.' }),
    z.strictObject({
      path: z.array(stepRef).optional(),
      hears: z.array(z.string()).optional().meta({ description: 'Texts or files heard, in order (substring match).' }),
      ends: z.string().optional().meta({ description: 'How the call ends: voicemail, hangup, forward, answered.' }),
    }),
  ]),
});

export const numberFile = z
  .strictObject({
    number: e164,
    name: z.string().min(1),
    timezone,
    language: languageTag,
    flow: z.strictObject({
      start: stepRef.meta({ description: 'The first step a call enters.' }),
      steps: z.record(stepName('step names use letters, digits, "-" and "_"'), step),
    }),
    tests: z.array(flowTest).optional(),
  })
  .meta({ title: 'callflow number', description: 'One phone number and its call flow (config/numbers/*.yaml).' });

export type FlowTest = z.infer<typeof flowTest>;
export type NumberConfig = z.infer<typeof numberFile>;
export type Flow = NumberConfig['flow'];
