import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { describeHeard } from '../../src/simulate/events.js';

const ROOT = resolve(import.meta.dirname, '../..');

async function simulate(argv: string[]): Promise<string> {
  const out: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: () => undefined, cwd: ROOT, env: {}, isTTY: false };
  expect(await main(['simulate', ...argv], io)).toBe(0);
  return out.join('\n');
}

describe('the transcript names the waiting music once', () => {
  it('a recording without a title is named by its file, not "file (file)"', async () => {
    const text = await simulate(['sales-us', '--at', '2026-11-30T10:00', '--answer', 'after:5']);
    expect(text).toMatch(/caller waits with audio\/music\/hold\.mp3$/m);
  });

  it('a recording with a title is named by its title, its file after it', async () => {
    const text = await simulate(['support-fr', '--at', '2026-11-30T10:00', '--keys', '2', '--answer', 'after:5']);
    expect(text).toContain('caller waits with Attente support (audio/music/hold.mp3)');
  });
});

describe('a heard text is one line of the transcript', () => {
  it('a `|` text (a trailing line break, lines inside) reads as spoken, on one line', () => {
    expect(describeHeard({ tts: 'Nous vous rappelons.\n' })).toBe('"Nous vous rappelons."');
    expect(describeHeard({ tts: 'Bonjour.\nPour les ventes, tapez 1.\n', ref: 'welcome' })).toBe('"Bonjour. Pour les ventes, tapez 1." [welcome]');
  });
});
