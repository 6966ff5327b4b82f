import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli } from '../fixtures/broken/harness.js';

const NAMES = ['callflow.schema.json', 'message.schema.json', 'number.schema.json', 'schedule.schema.json'];

describe('callflow schema', () => {
  it('writes the four JSON Schemas, and the committed schema/ is exactly what it writes', async () => {
    const out = mkdtempSync(join(tmpdir(), 'callflow-schema-'));
    try {
      const { code, stdout } = await runCli(['schema', '--out', out]);
      expect(code).toBe(0);
      expect(stdout.trim().split('\n')).toHaveLength(4);
      expect(readdirSync(out).sort()).toEqual(NAMES);
      for (const name of NAMES) {
        const generated = readFileSync(join(out, name), 'utf8');
        expect(JSON.parse(generated)).toMatchObject({ $id: `https://callflow.dev/schema/${name}` });
        // Fails when a zod schema changed without re-running `callflow schema`.
        expect(readFileSync(join(REPO_ROOT, 'schema', name), 'utf8'), `schema/${name} is stale: run callflow schema`).toBe(generated);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('the number schema lists every step type and refuses unknown keys', () => {
    const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'schema/number.schema.json'), 'utf8')) as { additionalProperties?: boolean };
    expect(schema.additionalProperties).toBe(false);
    const text = JSON.stringify(schema);
    for (const type of ['message', 'time_rule', 'ivr', 'input_ivr', 'ring', 'voicemail', 'callback_request', 'forward', 'hangup']) {
      expect(text).toContain(`"const":"${type}"`);
    }
  });

  it('describes the widgets real lines need: final retry message, digit bounds, forward fallback, holiday calendars, day ranges', () => {
    const number = readFileSync(join(REPO_ROOT, 'schema/number.schema.json'), 'utf8');
    for (const key of ['"final_message"', '"min_digits"', '"max_digits"', '"unanswered"']) expect(number).toContain(key);
    const schedule = JSON.parse(readFileSync(join(REPO_ROOT, 'schema/schedule.schema.json'), 'utf8')) as {
      properties: { holiday_calendar: { pattern: string }; weekly: { propertyNames: { anyOf: Array<{ enum?: string[]; pattern?: string }> } } };
    };
    expect(new RegExp(schedule.properties.holiday_calendar.pattern).test('DE-BY')).toBe(true);
    const forms = schedule.properties.weekly.propertyNames.anyOf;
    const allowed = (key: string) => forms.some((f) => f.enum?.includes(key) || (f.pattern !== undefined && new RegExp(f.pattern).test(key)));
    expect(['monday', 'monday-friday', 'saturday-sunday'].every(allowed)).toBe(true);
    expect(allowed('weekdays')).toBe(false);
  });

  it('every example YAML points its $schema comment at an existing schema of its kind', () => {
    const files = ['config/callflow.yaml', ...['numbers', 'schedules', 'messages'].flatMap((dir) => readdirSync(join(REPO_ROOT, 'config', dir)).map((f) => `config/${dir}/${f}`))];
    const kinds: Record<string, string> = { numbers: 'number', schedules: 'schedule', messages: 'message' };
    for (const file of files) {
      const first = readFileSync(join(REPO_ROOT, file), 'utf8').split('\n')[0]!;
      const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(match, `${file} starts with a $schema comment`).not.toBeNull();
      const target = resolve(dirname(join(REPO_ROOT, file)), match![1]!);
      expect(existsSync(target), `${file} → ${match![1]}`).toBe(true);
      const kind = kinds[file.split('/')[1]!] ?? 'callflow';
      expect(target).toBe(join(REPO_ROOT, 'schema', `${kind}.schema.json`));
    }
  });
});
