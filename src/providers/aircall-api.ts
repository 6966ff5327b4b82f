/**
 * The Aircall v1 resources both providers read (the sandbox serves the same shape): numbers
 * with their music & messages, users and teams. Parsed leniently — Aircall adds fields over
 * time — but the fields we rely on must be there, or the answer is rejected with a clear error.
 */
import { z } from 'zod';
import type { HttpClient } from './http/http-client.js';
import { fetchAllPages } from './http/paginate.js';
import { ProviderError } from './errors.js';
import type { LiveNumberSummary, NumberMessages, NumberSettingsUpdate, RingTarget } from '../model/live.js';

const MESSAGE_KEYS = ['welcome', 'waiting', 'ringing_tone', 'ivr', 'voicemail', 'closed', 'callback_later', 'unanswered_call', 'after_hours'] as const;

export const aircallNumber = z.looseObject({
  id: z.union([z.number(), z.string()]).transform(String),
  name: z.string(),
  digits: z.string(),
  time_zone: z.string(),
  messages: z.record(z.string(), z.string().nullable()).optional(),
  /** Not an Aircall field: the sandbox's extension. */
  language: z.string().optional(),
});
export type AircallNumber = z.infer<typeof aircallNumber>;

const named = z.looseObject({ id: z.union([z.number(), z.string()]).transform(String), name: z.string() });

/** Aircall formats digits for people ("+33 1 76 11 11 11"); our identity key is E.164. */
export function toE164(digits: string): string {
  const compact = digits.replace(/[\s().-]/g, '');
  return compact.startsWith('+') ? compact : `+${compact}`;
}

export function toSummary(number: AircallNumber): LiveNumberSummary {
  return { id: number.id, number: toE164(number.digits), name: number.name, timezone: number.time_zone };
}

export function toMessages(number: AircallNumber): NumberMessages {
  const out: NumberMessages = {};
  for (const key of MESSAGE_KEYS) {
    const value = number.messages?.[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

export async function listAircallNumbers(client: HttpClient): Promise<AircallNumber[]> {
  const raw = await fetchAllPages<unknown>(client, '/numbers', 'numbers');
  return raw.map((item) => parse(aircallNumber, item, 'GET /numbers'));
}

export async function readAircallNumber(client: HttpClient, id: string): Promise<AircallNumber> {
  const response = await client.request<{ number?: unknown }>({ method: 'GET', path: `/numbers/${encodeURIComponent(id)}` });
  return toAircallNumber(response.body?.number, `GET /numbers/${id}`);
}

/** Checks a number object from any response (the sandbox's flow endpoint embeds one too). */
export function toAircallNumber(value: unknown, where: string): AircallNumber {
  return parse(aircallNumber, value, where);
}

/** Aircall's PUT /numbers/:id takes the name and the music & messages (as URLs). */
export async function updateAircallNumber(client: HttpClient, id: string, update: NumberSettingsUpdate, withLanguage: boolean): Promise<void> {
  const body: Record<string, unknown> = {};
  if (update.name !== undefined) body['name'] = update.name;
  if (update.timezone !== undefined) body['time_zone'] = update.timezone;
  if (withLanguage && update.language !== undefined) body['language'] = update.language;
  if (update.messages !== undefined) body['messages'] = update.messages;
  if (Object.keys(body).length === 0) return;
  await client.request({ method: 'PUT', path: `/numbers/${encodeURIComponent(id)}`, json: body });
}

export async function listAircallRingTargets(client: HttpClient): Promise<RingTarget[]> {
  const [users, teams] = [await fetchAllPages<unknown>(client, '/users', 'users'), await fetchAllPages<unknown>(client, '/teams', 'teams')];
  return [
    ...users.map((u) => ({ kind: 'user' as const, ...parse(named, u, 'GET /users') })),
    ...teams.map((t) => ({ kind: 'team' as const, ...parse(named, t, 'GET /teams') })),
  ].map(({ kind, id, name }) => ({ kind, id, name }));
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ProviderError(`${what}: unexpected answer (${issue?.path.join('.') || 'body'}: ${issue?.message})`);
  }
  return result.data;
}
