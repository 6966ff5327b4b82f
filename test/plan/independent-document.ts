/**
 * The canonical flow document a previous apply stores, written out by hand from the documented
 * rules (defaults explicit, shared messages and schedules inlined, audio by content hash) —
 * deliberately without src/plan, so tests can check the plan's own canonical form against it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Repo } from '../../src/model/repo.js';

type Doc = Record<string, unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

export function independentDocument(config: Any, repo: Repo): Doc {
  const steps: Record<string, Doc> = {};
  for (const [name, step] of Object.entries<Any>(config.flow.steps)) steps[name] = stepOf(step, config, repo);
  return { schemaVersion: 1, start: config.flow.start, steps };
}

function stepOf(step: Any, config: Any, repo: Repo): Doc {
  const message = (m: Any) => messageOf(m, config.language, repo);
  const base: Doc = { type: step.type, ...(step.label !== undefined ? { label: step.label } : {}) };
  const optional = (fields: Doc) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const retries = step.retries && optional({ count: step.retries.count, message: step.retries.message && message(step.retries.message) });
  switch (step.type) {
    case 'message':
      return { ...base, message: message(step.message), next: step.next };
    case 'time_rule':
      return { ...base, schedule: scheduleOf(step.schedule, config.timezone, repo), open: step.open, closed: step.closed, holiday: step.holiday ?? step.closed };
    case 'ivr':
      return { ...base, ...optional({ prompt: step.prompt && message(step.prompt) }), options: { ...step.options }, timeout_seconds: step.timeout_seconds ?? 3, ...optional({ retries, no_input: step.no_input, invalid_input: step.invalid_input }) };
    case 'input_ivr':
      return { ...base, ...optional({ prompt: step.prompt && message(step.prompt) }), end: step.end, timeout_seconds: step.timeout_seconds ?? 3, ...optional({ retries }), next: step.next, ...optional({ no_input: step.no_input, invalid_input: step.invalid_input }) };
    case 'ring': {
      const to = step.to.team !== undefined ? { teams: [step.to.team] } : step.to.user !== undefined ? { users: [step.to.user] } : step.to.teams !== undefined ? { teams: step.to.teams } : { users: step.to.users };
      // "a ring step without one gets the default ringtone"
      const given = step.waiting;
      const music = !given || given === 'none' ? { library: 'ringtone' } : given.music.library !== undefined ? { library: given.music.library } : { audio: audioOf(given.music.file, repo) };
      const waiting = given && given !== 'none' && given.title !== undefined ? { title: given.title, music } : { music };
      return { ...base, to, ring_seconds: step.ring_seconds ?? 30, waiting, unanswered: step.unanswered };
    }
    case 'voicemail':
      return { ...base, message: message(step.message), ...optional({ max_seconds: step.max_seconds }) };
    case 'callback_request':
      return { ...base, confirmation: message(step.confirmation), next: step.next };
    case 'forward':
      return { ...base, to: step.to, ...optional({ message: step.message && message(step.message) }) };
    case 'hangup':
      return { ...base, ...optional({ message: step.message && message(step.message) }) };
    default:
      throw new Error(`unknown step type ${String(step.type)}`);
  }
}

function messageOf(message: Any, language: string, repo: Repo): Doc {
  if (message.ref !== undefined) return messageOf(repo.messages.get(message.ref)!.config.message, language, repo);
  if (message.tts !== undefined) return { tts: message.tts, language: message.language ?? language, ...(message.voice ? { voice: message.voice } : {}) };
  return { audio: audioOf(message.file, repo) };
}

function audioOf(path: string, repo: Repo): Doc {
  const content = readFileSync(join(repo.root, path));
  return { path, sha256: createHash('sha256').update(content).digest('hex'), bytes: content.length };
}

function scheduleOf(ref: string, timezone: string, repo: Repo): Doc {
  const schedule: Any = repo.schedules.get(ref)!.config;
  const weekly: Record<string, string[]> = {};
  for (const [day, ranges] of Object.entries<string[]>(schedule.weekly ?? {})) if (ranges.length) weekly[day] = [...ranges].sort();
  const byDate = (items: Any[] = []) => [...items].sort((a, b) => (a.date < b.date ? -1 : 1));
  return {
    ref,
    name: schedule.name ?? ref,
    timezone: schedule.timezone ?? timezone,
    weekly,
    holidays: byDate(schedule.holidays).map((h: Any) => ({ date: h.date, ...(h.name !== undefined ? { name: h.name } : {}) })),
    special_days: byDate(schedule.special_days).map((d: Any) => ({ date: d.date, ...(d.name !== undefined ? { name: d.name } : {}), hours: [...d.hours].sort() })),
  };
}
