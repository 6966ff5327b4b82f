/**
 * Issue #17, item 12: control characters in config are refused (a raw NUL was written to the
 * account; an ESC or CR in a name could hide plan lines from a reviewer), what callflow prints
 * is escaped whatever the account holds, and unknown YAML tags are errors.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { numberYaml, runCli, tempRepo, validateJson } from '../fixtures/broken/harness.js';
import { callflow, copyExampleRepo, editFile, startSeededSandbox, clientFor } from '../apply/harness.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { join } from 'node:path';

const STEPS = '    welcome: { type: message, message: { tts: "Bonjour" }, next: bye }\n    bye: { type: hangup }\n';

async function problemsOf(text: string) {
  const repo = tempRepo({ 'config/numbers/n.yaml': text });
  try {
    return await validateJson(repo.root);
  } finally {
    repo.cleanup();
  }
}

let server: RunningSandbox | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('control characters in config', () => {
  it('refuses a raw NUL, ESC or lone CR anywhere in a file, at its position', async () => {
    for (const raw of ['\u0000', '\u001b', '\r', '\u0085', '\u007f']) {
      const { code, problems } = await problemsOf(numberYaml(STEPS).replace('name: Test', `name: Acme${raw}Support`));
      expect(code, JSON.stringify(raw)).toBe(1);
      expect(problems).toContainEqual(expect.objectContaining({ rule: 'yaml/control-character', line: 2, column: 11 }));
    }
  });

  it('refuses control characters spelled as escapes in quoted strings', async () => {
    for (const escape of ['\\e[2K', '\\0', '\\r', '\\x1b', '\\u009b', '\\a']) {
      const { code, problems } = await problemsOf(numberYaml(STEPS).replace('name: Test', `name: "Support${escape}"`));
      expect(code, escape).toBe(1);
      expect(problems).toContainEqual(expect.objectContaining({ rule: 'yaml/control-character', line: 2, message: expect.stringContaining('name') }));
    }
    const { problems } = await problemsOf(numberYaml(STEPS).replace('next: bye', 'next: "bye\\n"'));
    expect(problems).toContainEqual(expect.objectContaining({ rule: 'yaml/control-character', line: 8 }));
    // A line break in a name, written as a block scalar: a second line a reviewer would read as another.
    const block = await problemsOf(numberYaml(STEPS).replace('name: Test', 'name: |\n  Support\n  + fake line'));
    expect(block.problems).toContainEqual(expect.objectContaining({ rule: 'yaml/control-character', line: 2, message: 'name holds a control character (U+000A)' }));
  });

  it('keeps tabs, CRLF line ends, and line breaks in TTS texts', async () => {
    const multiline = '    welcome:\n      type: message\n      message:\n        tts: |\n          Bonjour.\n          \tBienvenue.\n      next: bye\n    bye: { type: hangup }\n';
    expect((await problemsOf(numberYaml(multiline))).code).toBe(0);
    expect((await problemsOf(numberYaml(STEPS).replace(/\n/g, '\r\n'))).code).toBe(0);
    expect((await problemsOf(numberYaml(STEPS).replace('"Bonjour"', '"Bon\\tjour\\nà tous"'))).code).toBe(0);
  });

  it('unknown YAML tags are errors, not warnings', async () => {
    for (const tagged of ["!!js/function 'function () {}'", '!evil Test']) {
      const { code, problems } = await problemsOf(numberYaml(STEPS).replace('name: Test', `name: ${tagged}`));
      expect(code, tagged).toBe(1);
      expect(problems).toContainEqual(expect.objectContaining({ rule: 'yaml/unknown-tag', severity: 'error', line: 2 }));
    }
  });
});

describe('what callflow prints is escaped', () => {
  it('a plan shows a live name holding ESC and CR as escapes, never raw', async () => {
    const root = await copyExampleRepo();
    server = await startSeededSandbox(root);
    // Someone named the number in the account with terminal controls.
    const provider = await clientFor(root, server);
    const id = (await provider.listNumbers()).find((n) => n.number === '+442071838750')!.id;
    await provider.updateNumber(id, { name: 'On call\u001b[2K\rfake line' });
    await provider.close();
    for (const format of ['text', 'markdown']) {
      const plan = await callflow(root, server, 'plan', '--format', format);
      expect(plan.code).toBe(0);
      expect(plan.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      // Markdown also escapes the bracket.
      expect(plan.stdout).toContain(format === 'text' ? 'On call\\u001b[2K\\rfake line' : 'On call\\u001b\\[2K\\rfake line');
    }
  });

  it('validate and simulate never print a raw control character from a file', async () => {
    const repo = tempRepo({ 'config/numbers/n.yaml': numberYaml(STEPS).replace('name: Test', 'name: "Acme\\e[31m"').replace('tts: "Bonjour"', 'tts: "Bon\\e[2Kjour"') });
    try {
      const run = await runCli(['validate', '--root', repo.root]);
      expect(run.stdout + run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    } finally {
      repo.cleanup();
    }
    const root = await copyExampleRepo();
    await editFile(join(root, 'config/numbers/after-hours-uk.yaml'), (t) => t.replace("out-of-hours line.", 'out-of-hours\\u001b[2K line.'));
    const sim = await runCli(['simulate', 'after-hours-uk', '--root', root, '--at', '2026-12-02T23:30', '--keys', '1']);
    expect(sim.stdout + sim.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
