import { z } from 'zod';
import { e164, itemName, stepRef } from './common.js';
import { fileMessage, message } from './message.js';

export const DEFAULT_IVR_TIMEOUT_SECONDS = 3;
export const DEFAULT_RING_SECONDS = 30;
export const IVR_KEY = /^[0-9*#]$/;
export const MUSIC_LIBRARY = ['ringtone', 'jazz', 'classical', 'pop', 'lounge', 'corporate'] as const;

const label = z.string().optional().meta({ description: 'Short text shown in plans and diagrams instead of the step name.' });

const retries = z.strictObject({
  count: z.number().int().min(0).max(5).meta({ description: 'How many times the prompt is replayed after no or invalid input.' }),
  message: message.optional().meta({ description: 'Played before each replay, e.g. "Choice not recognised."' }),
  final_message: message
    .optional()
    .meta({ description: 'Played once when the retries are used up by invalid input, before the call takes invalid_input, e.g. "Je vous passe le support."' }),
});

export const messageStep = z.strictObject({
  type: z.literal('message'),
  label,
  message,
  next: stepRef,
});

export const timeRuleStep = z.strictObject({
  type: z.literal('time_rule'),
  label,
  schedule: itemName().meta({ description: 'Name of a schedule in config/schedules/.' }),
  open: stepRef,
  closed: stepRef,
  holiday: stepRef.optional().meta({ description: 'Where calls go on the schedule\'s holidays; defaults to `closed`.' }),
});

export const ivrStep = z.strictObject({
  type: z.literal('ivr'),
  label,
  prompt: message.optional().meta({ description: 'Required: what the caller hears; it must say the keys.' }),
  options: z.record(z.string(), stepRef).meta({ description: 'Key pressed (0-9, *, #) → step.' }),
  timeout_seconds: z.number().int().min(1).max(30).optional().meta({ description: `Seconds the caller has to press a key (default ${DEFAULT_IVR_TIMEOUT_SECONDS}).` }),
  retries: retries.optional(),
  no_input: stepRef.optional().meta({ description: 'Required: where the call goes when the caller presses nothing.' }),
  invalid_input: stepRef.optional().meta({ description: 'Required: where the call goes when the caller presses an unknown key.' }),
});

const inputEnd = z.union([
  z.strictObject({ key: z.enum(['#', '*']).meta({ description: 'Key that ends the input.' }) }),
  z.strictObject({ digits: z.number().int().min(1).max(30).meta({ description: 'Input ends after this many digits.' }) }),
]);

export const inputIvrStep = z.strictObject({
  type: z.literal('input_ivr'),
  label,
  prompt: message.optional().meta({ description: 'Required: what the caller hears.' }),
  end: inputEnd,
  timeout_seconds: z.number().int().min(1).max(30).optional().meta({ description: `Seconds the caller has between keys; a caller who stops typing takes no_input (default ${DEFAULT_IVR_TIMEOUT_SECONDS}).` }),
  min_digits: z.number().int().min(1).max(30).optional().meta({ description: 'Fewer digits before the end key is invalid input.' }),
  max_digits: z.number().int().min(1).max(30).optional().meta({ description: 'Input ends by itself once this many digits are typed (with end: { key }).' }),
  retries: retries.optional(),
  next: stepRef,
  no_input: stepRef.optional(),
  invalid_input: stepRef.optional(),
});

const ringTarget = z.union([
  z.strictObject({ team: z.string().min(1) }),
  z.strictObject({ user: z.string().min(1) }),
  z.strictObject({ teams: z.array(z.string().min(1)).min(1) }),
  z.strictObject({ users: z.array(z.string().min(1)).min(1) }),
]);

const music = z.union([
  z.strictObject({ library: z.enum(MUSIC_LIBRARY) }),
  fileMessage,
]);

export const waitingExperience = z
  .strictObject({
    title: z.string().optional(),
    music,
  })
  .meta({ description: 'What the caller hears while agents ring; defaults to the ringtone and cannot be removed.' });

export const ringStep = z.strictObject({
  type: z.literal('ring'),
  label,
  to: ringTarget,
  ring_seconds: z.number().int().min(5).max(300).optional().meta({ description: `Default ${DEFAULT_RING_SECONDS}.` }),
  // null/"none" is parsed so the `ring/waiting-required` rule can explain why it is refused.
  waiting: z.union([waitingExperience, z.null(), z.literal('none')]).optional(),
  unanswered: stepRef,
});

export const voicemailStep = z.strictObject({
  type: z.literal('voicemail'),
  label,
  message,
  max_seconds: z.number().int().min(10).max(600).optional(),
});

export const callbackRequestStep = z.strictObject({
  type: z.literal('callback_request'),
  label,
  confirmation: message,
  next: stepRef,
});

export const forwardStep = z.strictObject({
  type: z.literal('forward'),
  label,
  to: e164.meta({ description: 'External number the call is transferred to.' }),
  message: message.optional(),
  ring_seconds: z
    .number()
    .int()
    .min(5)
    .max(300)
    .optional()
    .meta({ description: `How long the external number rings before \`unanswered\` (default ${DEFAULT_RING_SECONDS} when unanswered is set).` }),
  unanswered: stepRef.optional().meta({ description: 'Where the call goes when the external number does not answer; without it the call ends there.' }),
});

export const hangupStep = z.strictObject({
  type: z.literal('hangup'),
  label,
  message: message.optional(),
});

export const step = z.discriminatedUnion('type', [
  messageStep,
  timeRuleStep,
  ivrStep,
  inputIvrStep,
  ringStep,
  voicemailStep,
  callbackRequestStep,
  forwardStep,
  hangupStep,
]);

export type MessageStep = z.infer<typeof messageStep>;
export type TimeRuleStep = z.infer<typeof timeRuleStep>;
export type IvrStep = z.infer<typeof ivrStep>;
export type InputIvrStep = z.infer<typeof inputIvrStep>;
export type RingStep = z.infer<typeof ringStep>;
export type VoicemailStep = z.infer<typeof voicemailStep>;
export type CallbackRequestStep = z.infer<typeof callbackRequestStep>;
export type ForwardStep = z.infer<typeof forwardStep>;
export type HangupStep = z.infer<typeof hangupStep>;
export type WaitingExperience = z.infer<typeof waitingExperience>;
export type Step = z.infer<typeof step>;
export type StepType = Step['type'];
