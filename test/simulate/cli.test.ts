import { chmod, cp, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

const ROOT = resolve(import.meta.dirname, '../..');

async function cli(argv: string[], cwd = ROOT, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd, env, isTTY: false };
  const code = await main(argv, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** The example repo in a temp dir, to break. */
async function exampleCopy(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'callflow-cli-'));
  await cp(join(ROOT, 'config'), join(root, 'config'), { recursive: true });
  await cp(join(ROOT, 'audio'), join(root, 'audio'), { recursive: true });
  return root;
}

describe('callflow simulate', () => {
  it('finds a number by E.164, file name or path and prints what the caller hears', async () => {
    const args = ['--at', '2026-11-30T10:00', '--keys', '9,,1', '--answer', 'after:12'];
    const byName = await cli(['simulate', 'support-fr', ...args]);
    expect(byName.code).toBe(0);
    for (const query of ['+33 1 76 36 00 00', 'config/numbers/support-fr.yaml']) expect((await cli(['simulate', query, ...args])).stdout).toBe(byName.stdout);
    expect(byName.stdout).toContain('Call to +33176360000 at 2026-11-30T10:00:00 (monday) Europe/Paris (2026-11-30T09:00:00.000Z)');
    expect(byName.stdout).toContain('caller: 9 → invalid-input: key 9 is not an option (1, 2)');
    expect(byName.stdout).toContain('caller: (silence for 3 s) → no-input');
    expect(byName.stdout).toContain('retry 2/2');
    expect(byName.stdout).toContain('answered after 12 s — call connected');
    expect(byName.stdout).toContain('Ends: answered — path welcome → hours → menu → sales');
  });

  it('prints the events as JSON', async () => {
    const { code, stdout } = await cli(['simulate', 'sales-us', '--at', '2026-11-26T11:00', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({ file: 'config/numbers/sales-us.yaml', ending: 'voicemail', path: ['welcome', 'hours', 'holiday-message', 'after-hours'] });
    expect(json.events).toContainEqual(expect.objectContaining({ kind: 'schedule', status: 'holiday' }));
  });

  it('refuses an unknown number and bad flags', async () => {
    const unknown = await cli(['simulate', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('no number matches "nope"; known numbers: +442071838750 (config/numbers/after-hours-uk.yaml)');
    expect((await cli(['simulate', 'support-fr', '--keys', '1,x'])).stderr).toContain('--keys: x: only 0-9, * and # can be pressed');
    expect((await cli(['simulate', 'support-fr', '--answer', 'sometimes'])).stderr).toContain('--answer must be never, always or after:SECONDS');
    expect((await cli(['simulate', 'support-fr', '--at', '2026-13-01T10:00'])).stderr).toContain('--at must be an ISO date-time');
  });

  it('suggests the number meant by a typo in its file name, number or path, in one line', async () => {
    const oneLine = (run: { code: number; stdout: string; stderr: string }, command: string, want: string) => {
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`callflow ${command}: ${want}`);
    };
    oneLine(await cli(['simulate', 'support-fx']), 'simulate', 'no number matches "support-fx"; did you mean "support-fr"?');
    oneLine(await cli(['test', 'support-fx']), 'test', 'no number matches "support-fx"; did you mean "support-fr"?');
    oneLine(await cli(['simulate', '+33 1 76 36 00 01']), 'simulate', 'no number matches "+33 1 76 36 00 01"; did you mean "+33176360000"?');
    oneLine(await cli(['test', 'config/numbers/suport-fr.yaml']), 'test', 'no number matches "config/numbers/suport-fr.yaml"; did you mean "config/numbers/support-fr.yaml"?');
    // From another directory, the guessed path is written from there.
    oneLine(await cli(['test', 'numbers/sales-uk.yaml', '--root', '..'], join(ROOT, 'config')), 'test', 'no number matches "numbers/sales-uk.yaml"; did you mean "numbers/sales-us.yaml"?');
  });

  it('refuses an --audio file it could not write before walking the call, in one line, writing nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'callflow-audio-'));
    const args = ['simulate', 'support-fr', '--keys', '1', '--audio'];
    const refused = async (out: string, want: string) => {
      const run = await cli([...args, out]);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe(''); // no transcript: refused before the call was walked
      expect(run.stderr).toBe(`callflow simulate: cannot write ${out}: ${want}`);
    };
    await refused(join(dir, 'nodir/call.wav'), `the directory ${join(dir, 'nodir')} does not exist`);
    await writeFile(join(dir, 'afile'), 'x');
    await refused(join(dir, 'afile/call.wav'), `${join(dir, 'afile')} is not a directory`);
    await refused(dir, 'the audio preview is a WAV file; give a name ending in .wav');
    await refused(join(dir, 'call.mp3'), 'the audio preview is a WAV file; give a name ending in .wav');
    expect(await readdir(dir)).toEqual(['afile']);
  });

  it('says in one line naming the output when ffmpeg fails while rendering, and writes nothing there', async () => {
    // An espeak-ng (first on PATH) that exits 0 but writes no WAV: ffmpeg then cannot read the speech.
    const dir = await mkdtemp(join(tmpdir(), 'callflow-audio-'));
    const espeak = join(dir, 'espeak-ng');
    await writeFile(espeak, '#!/bin/sh\nwhile [ $# -gt 0 ]; do if [ "$1" = -w ]; then shift; printf "not a wav" > "$1"; fi; shift; done\n');
    await chmod(espeak, 0o755);
    const out = join(dir, 'call.wav');
    const run = await cli(['simulate', 'support-fr', '--at', '2026-11-30T10:00', '--keys', '1', '--audio', out], ROOT, { PATH: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('Ends: voicemail');
    expect(run.stderr.split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(new RegExp(`^callflow simulate: cannot render ${out}: ffmpeg failed: .*tts\\.wav: Invalid data found when processing input$`));
    expect(await readdir(dir)).toEqual(['espeak-ng']);
  });

  it('renders the call into one WAV to listen to', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'callflow-audio-')), 'call.wav');
    // An mp3 message, TTS prompts, a key tone, library waiting music (ringback) and a TTS voicemail greeting.
    const { code, stderr } = await cli(['simulate', 'support-fr', '--at', '2026-11-30T10:00', '--keys', '1', '--audio', out]);
    expect(code).toBe(0);
    const header = (await readFile(out)).subarray(0, 12).toString('latin1');
    expect(header.startsWith('RIFF') && header.endsWith('WAVE')).toBe(true);
    const seconds = Number(/audio preview: .* \(([\d.]+) s, text-to-speech by espeak-ng/.exec(stderr)?.[1]);
    expect(seconds).toBeGreaterThan(6); // the ringback alone is 6 s
    expect(stderr).not.toContain('note:');
    expect((await stat(out)).size).toBeGreaterThan(seconds * 16_000);
  });

  it('speaks the TTS with no espeak-ng binary on PATH (a fresh clone without apt)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'callflow-audio-'));
    const out = join(dir, 'call.wav');
    const { code, stderr } = await cli(['simulate', 'support-fr', '--at', '2026-11-30T10:00', '--keys', '1', '--audio', out], ROOT, { PATH: dir });
    expect(code).toBe(0);
    // Without a speech engine each TTS message would be 1 s of silence, with a note saying so.
    expect(stderr).not.toContain('note:');
    expect(stderr).toMatch(/audio preview: .*call\.wav \([\d.]+ s, text-to-speech by espeak-ng \(WebAssembly\)\)/);
  });
});

describe('callflow test and validate', () => {
  it('passes on the example repo', async () => {
    const { code, stdout } = await cli(['test']);
    expect(stdout).toMatch(/(\d+) passed, 0 failed \(\1 flow tests\)/);
    expect(code).toBe(0);
  });

  it('fails with the divergence, and validate reports test/failed at the test name', async () => {
    const root = await exampleCopy();
    const file = join(root, 'config/numbers/support-fr.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('expect: [welcome, hours, menu, sales, sales-voicemail]', 'expect: [welcome, hours, menu, support, sales-voicemail]'));

    const test = await cli(['test', 'support-fr', '--root', root]);
    expect(test.code).toBe(1);
    expect(test.stdout).toContain('first divergence at step 4: expected "support", got "sales" (menu → option 1: pressed 1)');

    const json = JSON.parse((await cli(['test', '--root', root, '--format', 'json'])).stdout);
    expect(json.results.filter((r: { passed: boolean }) => !r.passed)).toHaveLength(1);

    const validate = JSON.parse((await cli(['validate', '--root', root, '--format', 'json'])).stdout);
    const failed = validate.problems.filter((p: { rule: string }) => p.rule === 'test/failed');
    const nameLine = text.split('\n').findIndex((l) => l.includes('name: un lundi matin')) + 1;
    expect(failed).toEqual([expect.objectContaining({ severity: 'error', file: 'config/numbers/support-fr.yaml', line: nameLine })]);
  });

  it('does not run the tests of a number with errors or using a schedule that failed to load: shows the errors instead, exit 1', async () => {
    const root = await exampleCopy();
    const number = join(root, 'config/numbers/support-fr.yaml');
    await writeFile(number, (await readFile(number, 'utf8')).replace('start: welcome', 'start: welcom'));

    const text = await cli(['test', '--root', root]);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^config\/numbers\/support-fr\.yaml:7:10 {2}error {2}start: step "welcom" does not exist/);
    expect(text.stdout).not.toContain('✗');
    expect(text.stdout).toContain('– support-fr: 7 flow tests not run: their number has errors');
    expect(text.stdout).toMatch(/\n10 passed, 0 failed, 7 not run \(17 flow tests\)$/);
    // The other numbers are fine: asked alone, their tests pass.
    expect((await cli(['test', 'sales-us', '--root', root])).code).toBe(0);

    const json = JSON.parse((await cli(['test', '--root', root, '--format', 'json'])).stdout);
    expect(json.notRun).toEqual([{ file: 'config/numbers/support-fr.yaml', number: '+33176360000', tests: 7, reason: 'numberHasErrors' }]);
    expect(json.problems.map((p: { rule: string }) => p.rule)).toEqual(['flow/unknown-step']);
    expect(json.results).toHaveLength(10);

    await writeFile(number, (await readFile(join(ROOT, 'config/numbers/support-fr.yaml'), 'utf8')));
    const schedule = join(root, 'config/schedules/business-hours-fr.yaml');
    await writeFile(schedule, (await readFile(schedule, 'utf8')).replace('  monday:', '  mondy:'));
    const shared = await cli(['test', 'support-fr', '--root', root]);
    expect(shared.code).toBe(1);
    expect(shared.stdout).toMatch(/^config\/schedules\/business-hours-fr\.yaml:5:3 {2}error {2}unknown key "mondy"/);
    expect(shared.stdout).not.toContain('not found in config/schedules');
    expect(shared.stdout).toMatch(/– support-fr: 7 flow tests not run: a schedule or message they use failed to load\n0 passed, 0 failed, 7 not run \(7 flow tests\)$/);
  });

  it.each([
    ['an unknown holiday calendar', (t: string) => t.replace('timezone: Europe/Paris\n', 'timezone: Europe/Paris\nholiday_calendar: XX\n'), /^config\/schedules\/business-hours-fr\.yaml:4:19 {2}error {2}holiday_calendar: "XX" is not a country/],
    ['overlapping monday ranges', (t: string) => t.replace('"14:00-18:00"]', '"12:00-18:00"]'), /^config\/schedules\/business-hours-fr\.yaml:5:27 {2}error {2}"12:00-18:00" overlaps "09:00-12:30"/],
  ])('a schedule that loads but has errors (%s): test, simulate and validate show its errors and do not trust the walk, exit 1', async (_, edit, error) => {
    const root = await exampleCopy();
    const schedule = join(root, 'config/schedules/business-hours-fr.yaml');
    await writeFile(schedule, edit(await readFile(schedule, 'utf8')));

    const test = await cli(['test', 'support-fr', '--root', root], root);
    expect(test.code).toBe(1);
    expect(test.stdout).toMatch(error);
    expect(test.stdout).not.toContain('✓');
    expect(test.stdout).toMatch(/– support-fr: 7 flow tests not run: a schedule or message they use has errors\n0 passed, 0 failed, 7 not run \(7 flow tests\)$/);
    const json = JSON.parse((await cli(['test', '--root', root, '--format', 'json'], root)).stdout);
    expect(json.notRun).toEqual([{ file: 'config/numbers/support-fr.yaml', number: '+33176360000', tests: 7, reason: 'sharedFileHasErrors' }]);
    expect(json.problems.map((p: { file: string }) => p.file)).toEqual(['config/schedules/business-hours-fr.yaml']);
    // The numbers that do not use it still run.
    expect((await cli(['test', 'sales-us', '--root', root], root)).code).toBe(0);

    const simulate = await cli(['simulate', 'support-fr', '--at', '2026-11-30T10:00', '--root', root], root);
    expect(simulate.code).toBe(1);
    expect(simulate.stderr).toMatch(error);
    expect(simulate.stderr).toContain('(a schedule or message it uses has errors: the call below may not be what callers get)');

    const validate = await cli(['validate', '--root', root], root);
    expect(validate.code).toBe(1);
    expect(validate.stdout).toMatch(/, 17 flow tests \(7 not run: a schedule or message they use has errors\)\)$/);
    const summary = JSON.parse((await cli(['validate', '--root', root, '--format', 'json'], root)).stdout).summary;
    expect(summary.flowTestsNotRun).toEqual({ numberHasErrors: 0, sharedFileFailed: 0, sharedFileHasErrors: 7 });
  });

  it('simulate says a schedule or shared message whose file failed to load failed to load, not that it does not exist, and shows its errors', async () => {
    const root = await exampleCopy();
    const schedule = join(root, 'config/schedules/business-hours-fr.yaml');
    await writeFile(schedule, (await readFile(schedule, 'utf8')).replace('  monday:', '  mondy:'));
    const fr = await cli(['simulate', 'support-fr', '--at', '2026-11-30T10:00', '--root', root], root);
    expect(fr.code).toBe(1);
    expect(fr.stdout).toContain('✗ stuck at hours: schedule "business-hours-fr" failed to load (its file has errors)');
    expect(fr.stdout).not.toContain('does not exist');
    expect(fr.stderr).toMatch(/^config\/schedules\/business-hours-fr\.yaml:5:3 {2}error {2}unknown key "mondy"/);

    const message = join(root, 'config/messages/closed-en.yaml');
    await writeFile(message, (await readFile(message, 'utf8')).replace('language:', 'langage:'));
    const uk = await cli(['simulate', 'after-hours-uk', '--keys', '2', '--root', root], root);
    expect(uk.code).toBe(1);
    expect(uk.stdout).toContain('shared message "closed-en" failed to load (its file has errors)');
    expect(uk.stderr).toContain('config/messages/closed-en.yaml');

    // A schedule no file defines still does not exist.
    await writeFile(join(root, 'config/numbers/support-fr.yaml'), (await readFile(join(root, 'config/numbers/support-fr.yaml'), 'utf8')).replace('schedule: business-hours-fr', 'schedule: nowhere'));
    expect((await cli(['simulate', 'support-fr', '--at', '2026-11-30T10:00', '--root', root], root)).stdout).toContain('schedule "nowhere" does not exist');
  });

  it('a number file that did not load is named as such by test and simulate, with its errors, not "no number matches"', async () => {
    const root = await exampleCopy();
    const number = join(root, 'config/numbers/support-fr.yaml');
    await writeFile(number, (await readFile(number, 'utf8')).replace('  start: welcome', '  strat: welcome'));

    for (const query of ['support-fr', 'config/numbers/support-fr.yaml']) {
      const test = await cli(['test', query, '--root', root], root);
      expect(test.code).toBe(1);
      expect(test.stdout).toMatch(/^config\/numbers\/support-fr\.yaml:7:3 {2}error {2}unknown key "strat"; did you mean "start"\?/);
      expect(test.stderr).toBe('callflow test: config/numbers/support-fr.yaml did not load (errors above): its flow tests cannot run');
      const simulate = await cli(['simulate', query, '--root', root], root);
      expect(simulate.code).toBe(1);
      expect(simulate.stderr).toContain('unknown key "strat"');
      expect(simulate.stderr.split('\n').at(-1)).toBe('callflow simulate: config/numbers/support-fr.yaml did not load (errors above): its flow cannot be walked');
    }
    const all = await cli(['test', '--root', root]);
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(/10 passed, 0 failed \(10 flow tests\)\n1 number file did not load \(errors above\): its flow tests did not run$/);
  });
});
