import { describeHeard, type SimEvent, type Simulation } from './events.js';

const ROLE: Record<string, string> = {
  message: 'plays',
  prompt: 'prompts',
  'retry-message': 'plays',
  'final-message': 'plays',
  confirmation: 'confirms',
  'voicemail-greeting': 'greets',
  'forward-message': 'plays',
  goodbye: 'plays',
};

function describeEvent(event: SimEvent): string | undefined {
  switch (event.kind) {
    case 'enter':
      return `▸ ${event.step} (${event.type}${event.label ? `: ${event.label}` : ''})`;
    case 'play':
      return `    ${ROLE[event.role] ?? 'plays'} ${describeHeard(event.heard)}${event.heard.voice ? ` (${event.heard.voice} voice)` : ''}`;
    case 'schedule':
      return `    schedule ${event.schedule}: ${event.status} — ${event.reason}`;
    case 'input':
      return event.keys === undefined
        ? `    caller: (silence for ${event.timeoutSeconds} s) → ${event.outcome}`
        : `    caller: ${event.keys} → ${event.outcome === 'option' || event.outcome === 'complete' ? event.detail : `${event.outcome}: ${event.detail}`}`;
    case 'retry':
      return `    retry ${event.attempt}/${event.of}`;
    case 'ring':
      return `    rings ${event.to} for up to ${event.ringSeconds} s`;
    case 'waiting':
      return `    caller waits with ${event.file && event.file !== event.music ? `${event.music} (${event.file})` : event.music}${event.isDefault ? ' (default ringtone)' : ''}`;
    case 'answered':
      return `    answered after ${event.afterSeconds} s — call connected`;
    case 'unanswered':
      return `    nobody answered within ${event.afterSeconds} s`;
    case 'branch':
      return `    → ${event.branch}: ${event.target}`;
    case 'voicemail':
      return `    records a voicemail${event.maxSeconds ? ` (up to ${event.maxSeconds} s)` : ''}`;
    case 'callback':
      return '    callback requested';
    case 'forward':
      return `    forwards the call to ${event.to}`;
    case 'hangup':
      return '    hangs up';
    case 'stuck':
      return `    ✗ stuck at ${event.step}: ${event.reason}`;
    case 'step-budget':
      return `    ✗ stopped after ${event.steps} steps: the flow loops`;
  }
}

/** What a reviewer reads: the call, step by step, and how it ends. */
export function renderTranscript(simulation: Simulation): string {
  const lines = [`Call to ${simulation.number} at ${simulation.at.local} ${simulation.at.timeZone} (${simulation.at.utc})`];
  for (const event of simulation.events) {
    const line = describeEvent(event);
    if (line !== undefined) lines.push(line);
  }
  lines.push(`Ends: ${simulation.ending} — path ${simulation.path.join(' → ')}`);
  if (simulation.unusedKeys.length) lines.push(`Note: keys never read: ${simulation.unusedKeys.map((k) => JSON.stringify(k)).join(', ')}`);
  return lines.join('\n');
}
