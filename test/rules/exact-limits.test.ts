/**
 * The limits the rules enforce, probed exactly at the limit and one step past it, so a `<`
 * written for `<=` (or the other way round) fails here.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { numberYaml, tempRepo, validateJson } from '../fixtures/broken/harness.js';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

async function problemsOf(files: Record<string, string>) {
  const repo = tempRepo(files);
  cleanups.push(repo.cleanup);
  return (await validateJson(repo.root)).problems;
}

/** `count` characters (code points) of text, ending in emoji so UTF-16 length is larger. */
const text = (count: number) => `${'a'.repeat(count - 3)}😀😀😀`;

describe('tts/too-long: "the platform reads at most 1,000 characters"', () => {
  const withTts = (count: number) => ({
    'config/numbers/line.yaml': numberYaml(`    welcome: { type: message, message: { tts: "${text(count)}" }, next: bye }\n    bye: { type: hangup }\n`),
  });

  it('accepts exactly 1,000 characters (1,003 UTF-16 units)', async () => {
    expect(text(1000)).toHaveLength(1003);
    expect((await problemsOf(withTts(1000))).filter((p) => p.rule === 'tts/too-long')).toEqual([]);
  });

  it('refuses 1,001', async () => {
    const tooLong = (await problemsOf(withTts(1001))).filter((p) => p.rule === 'tts/too-long');
    expect(tooLong.map((p) => p.message)).toEqual(['text-to-speech text is 1001 characters; the limit is 1000']);
  });
});

describe('schedule/overlap: ranges that touch do not overlap', () => {
  const schedule = (ranges: string) => ({
    'config/numbers/line.yaml': numberYaml('    welcome: { type: hangup }\n'),
    'config/schedules/hours.yaml': `weekly:\n  monday: [${ranges}]\n`,
  });

  it('accepts 09:00-12:00 then 12:00-14:00', async () => {
    expect((await problemsOf(schedule('"09:00-12:00", "12:00-14:00"'))).filter((p) => p.rule.startsWith('schedule/'))).toEqual([]);
  });

  it('refuses 09:00-12:01 then 12:00-14:00', async () => {
    const overlaps = (await problemsOf(schedule('"09:00-12:01", "12:00-14:00"'))).filter((p) => p.rule === 'schedule/overlap');
    expect(overlaps.map((p) => p.message)).toEqual(['"12:00-14:00" overlaps "09:00-12:01"']);
  });

  it('accepts a one-minute range, refuses an empty one', async () => {
    expect((await problemsOf(schedule('"09:00-09:01"'))).filter((p) => p.rule.startsWith('schedule/'))).toEqual([]);
    expect((await problemsOf(schedule('"09:00-09:00"'))).map((p) => p.rule)).toContain('schedule/range');
  });
});
