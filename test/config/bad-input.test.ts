/** Hostile or broken YAML: each gives a clear problem at file:line and exit 1, never a stack trace or a hang. */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { MAX_YAML_BYTES } from '../../src/config/yaml-source.js';
import { numberYaml, runCli, tempRepo, validateJson } from '../fixtures/broken/harness.js';

const FILE = 'config/numbers/line.yaml';
const VALID_STEPS = '    welcome:\n      type: hangup\n';

async function expectRefused(content: string | Buffer, want: { rule: string; line: number; column?: number; message?: RegExp }, file = FILE) {
  const repo = tempRepo({ [file]: content });
  try {
    const { code, problems, stderr } = await validateJson(repo.root);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    const found = problems.find((p) => p.rule === want.rule);
    expect(found, JSON.stringify(problems, null, 2)).toBeDefined();
    expect(found).toMatchObject({ file, line: want.line, severity: 'error', ...(want.column ? { column: want.column } : {}) });
    if (want.message) expect(found!.message).toMatch(want.message);
    expect(found!.message).not.toMatch(/\n|\bat \w+ \(|parseAllDocuments|Error:/);
    return problems;
  } finally {
    repo.cleanup();
  }
}

describe('bad YAML input', () => {
  it('malformed YAML: an unclosed flow map', async () => {
    await expectRefused(numberYaml('    welcome: { type: hangup\n'), { rule: 'yaml/syntax', line: 9 });
  });

  it('duplicate keys, naming the key', async () => {
    await expectRefused(numberYaml(`${VALID_STEPS}    welcome:\n      type: voicemail\n`), { rule: 'yaml/duplicate-key', line: 10, column: 5, message: /duplicate key "welcome"/ });
  });

  it('tabs used for indentation', async () => {
    await expectRefused(numberYaml('    welcome:\n\t  type: hangup\n'), { rule: 'yaml/tab', line: 9 });
  });

  it('an alias bomb (billion laughs) is refused without expanding it', async () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [i, name] of ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].entries()) {
      const previous = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(',')}]`);
    }
    await expectRefused(`${levels.join('\n')}\n`, { rule: 'yaml/alias-limit', line: 2 });
  });

  it('__proto__ and constructor keys', async () => {
    await expectRefused(numberYaml(`${VALID_STEPS}__proto__: { polluted: true }\n`), { rule: 'yaml/forbidden-key', line: 10, column: 1 });
    await expectRefused(numberYaml('    welcome: { type: hangup, constructor: x }\n'), { rule: 'yaml/forbidden-key', line: 8, column: 30 });
    // An escaped spelling is the same key once loaded.
    await expectRefused(numberYaml(`${VALID_STEPS}"\\x5f_proto__": 1\n`), { rule: 'yaml/forbidden-key', line: 10 });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a 50 MB file is refused by its size', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 'key: value\n');
    await expectRefused(big, { rule: 'yaml/too-large', line: 1, column: 1, message: /50\.0 MB/ });
    expect(big.length).toBeGreaterThan(MAX_YAML_BYTES);
  });

  it('a file just over the limit says both sizes in bytes, since rounded they would read the same', async () => {
    const over = Buffer.alloc(MAX_YAML_BYTES + 1_000, 'key: value\n');
    const problems = await expectRefused(over, { rule: 'yaml/too-large', line: 1 });
    expect(problems.find((p) => p.rule === 'yaml/too-large')!.message).toBe(`file is ${over.length.toLocaleString('en-US')} bytes; config files are limited to ${MAX_YAML_BYTES.toLocaleString('en-US')} bytes`);
  });

  it('a tab in an indent after spaces is named as the tab, as one alone is', async () => {
    for (const indent of ['\t', '  \t', '     \t']) {
      await expectRefused(numberYaml(`    welcome:\n      type: message\n      message: { tts: "x" }\n${indent}next: bye\n    bye: { type: hangup }\n`), { rule: 'yaml/tab', line: 11 });
    }
  });

  it('a file that is not UTF-8 (Latin-1), pointing at the first bad byte', async () => {
    const latin1 = Buffer.from(numberYaml('    welcome:\n      type: message\n      message: { tts: "Bienvenue à Paris" }\n      next: bye\n    bye: { type: hangup }\n'), 'latin1');
    await expectRefused(latin1, { rule: 'yaml/encoding', line: 10, column: 34 });
  });

  it('an empty file, and one with only comments', async () => {
    await expectRefused('', { rule: 'yaml/empty', line: 1 });
    await expectRefused('# nothing yet\n', { rule: 'yaml/empty', line: 1 });
  });

  it('a number file that is a list, not a map', async () => {
    await expectRefused('- number: "+33100000001"\n- name: Test\n', { rule: 'schema/type', line: 1, column: 1, message: /expected a map, got a list/ });
  });

  it('a second document in one file', async () => {
    await expectRefused(`${numberYaml(VALID_STEPS)}---\nname: other\n`, { rule: 'yaml/syntax', line: 10, message: /second YAML document/ });
  });

  it('nesting deep enough to overflow a recursive reader', async () => {
    await expectRefused(`x: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, { rule: 'yaml/too-deep', line: 1 });
  });

  it('a named pipe where a YAML file should be is not opened (it would block forever)', async () => {
    const repo = tempRepo({ 'config/numbers/ok.yaml': numberYaml(VALID_STEPS) });
    try {
      execFileSync('mkfifo', [`${repo.root}/${FILE}`]);
      const { code, problems } = await validateJson(repo.root);
      expect(code).toBe(1);
      expect(problems).toMatchObject([{ rule: 'yaml/unreadable', file: FILE, line: 1 }]);
    } finally {
      repo.cleanup();
    }
  });

  it('errors in config/callflow.yaml are reported there', async () => {
    const problems = await expectRefused('provider:\n  type: aircal\n', { rule: 'schema/value', line: 2, column: 9, message: /did you mean "aircall"/ }, 'config/callflow.yaml');
    // The fixture has no number files, which is reported on its own (config/no-numbers).
    expect(problems.filter((p) => p.rule !== 'config/no-numbers')).toHaveLength(1);
  });

  it('a drift.schedule that is not a cron expression is refused by validate at its line, not first by serve', async () => {
    const repo = tempRepo({
      'config/numbers/ok.yaml': numberYaml(VALID_STEPS),
      'config/callflow.yaml': 'drift:\n  schedule: "0 */6 * *"\n',
    });
    try {
      const { code, stdout } = await runCli(['validate', '--root', repo.root]);
      expect(code).toBe(1);
      expect(stdout).toContain('config/callflow.yaml:2:13  error  drift.schedule: "0 */6 * *" is not a cron expression: expected 5 or 6 fields but got 4  [drift/schedule]');
      expect(stdout).toMatch(/^2 files checked: 1 error, /m);
    } finally {
      repo.cleanup();
    }
  });

  it('a cron expression with seconds first is accepted, as serve accepts it', async () => {
    const repo = tempRepo({ 'config/numbers/ok.yaml': numberYaml(VALID_STEPS), 'config/callflow.yaml': 'drift:\n  schedule: "*/30 * * * * *"\n' });
    try {
      const { code, stdout } = await runCli(['validate', '--root', repo.root]);
      expect(stdout).not.toContain('drift/schedule');
      expect(code).toBe(0);
    } finally {
      repo.cleanup();
    }
  });

  it('a cron expression with a field out of range says which field', async () => {
    await expectRefused('drift:\n  schedule: "61 * * * *"\n', { rule: 'drift/schedule', line: 2, column: 13, message: /^drift\.schedule: "61 \* \* \* \*" is not a cron expression: minute "61": / }, 'config/callflow.yaml');
  });
});
