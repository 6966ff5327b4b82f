import { describe, expect, it } from 'vitest';
import { formatProblemsGithub } from '../../src/report/format-github.js';
import { fixtureRoot, REPO_ROOT, runCli, tempRepo, numberYaml } from '../fixtures/broken/harness.js';

describe('callflow validate on the example repo', () => {
  it('exits 0 with a summary in text', async () => {
    const { code, stdout, stderr } = await runCli(['validate']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^8 files checked: 0 errors, 0 warnings \(checked: 3 numbers, 2 schedules, 2 shared messages, \d+ audio files, \d+ flow tests\)\n$/);
  });

  it('exits 0 with no problems in json and github formats, from any working directory with --root', async () => {
    const json = await runCli(['validate', '--root', REPO_ROOT, '--format', 'json'], { cwd: '/' });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      problems: [],
      summary: expect.objectContaining({ files: 8, numbers: { checked: 3, failedToLoad: 0 }, schedules: { checked: 2, failedToLoad: 0 }, errors: 0, warnings: 0 }),
    });
    const github = await runCli(['validate', '--format', 'github']);
    expect(github.code).toBe(0);
    expect(github.stdout).not.toContain('::');
  });
});

describe('the validate summary counts what was checked', () => {
  it('a number file the schema refuses is read but not counted as checked, in text and JSON', async () => {
    const repo = tempRepo({
      'config/numbers/good.yaml': numberYaml('    welcome:\n      type: hangup\n      message: { tts: "Au revoir." }\n'),
      'config/numbers/bad.yaml': 'number: "+33100000002"\nname: Bad\n',
    });
    try {
      const text = await runCli(['validate', '--root', repo.root]);
      expect(text.code).toBe(1);
      expect(text.stdout).toMatch(/\(checked: 1 number \(1 more failed to load\), 0 schedules, 0 shared messages, 0 audio files, 0 flow tests\)\n$/);
      const json = await runCli(['validate', '--root', repo.root, '--format', 'json']);
      expect(JSON.parse(json.stdout).summary).toMatchObject({ files: 2, numbers: { checked: 1, failedToLoad: 1 } });
    } finally {
      repo.cleanup();
    }
  });

  it('files that are not YAML at all (a syntax error, a tab, an empty file) are said to have failed to load, not the schema', async () => {
    const repo = tempRepo({
      'config/numbers/good.yaml': numberYaml('    welcome:\n      type: hangup\n      message: { tts: "Au revoir." }\n'),
      'config/numbers/quote.yaml': 'number: "+33100000002\n',
      'config/numbers/tab.yaml': 'number:\t"+33100000003"\nflow:\n\tstart: a\n',
      'config/schedules/empty.yaml': '',
    });
    try {
      const { stdout } = await runCli(['validate', '--root', repo.root]);
      expect(stdout).toContain('[yaml/syntax]');
      expect(stdout).toContain('[yaml/tab]');
      expect(stdout).toContain('[yaml/empty]');
      expect(stdout).not.toContain('schema');
      expect(stdout).toMatch(/\(checked: 1 number \(2 more failed to load\), 0 schedules \(1 more failed to load\), 0 shared messages, 0 audio files, 0 flow tests\)\n$/);
    } finally {
      repo.cleanup();
    }
  });

  it('a number with errors: its flow tests are counted, and said not to have run', async () => {
    const steps = '    welcome:\n      type: message\n      message: { tts: "Bonjour." }\n      next: nowhere\n';
    const tests = 'tests:\n  - { name: one, at: 2026-11-30T10:00:00, expect: [welcome] }\n  - { name: two, at: 2026-11-30T10:00:00, expect: [welcome] }\n';
    const repo = tempRepo({ 'config/numbers/line.yaml': `${numberYaml(steps)}${tests}` });
    try {
      const { code, stdout } = await runCli(['validate', '--root', repo.root]);
      expect(code).toBe(1);
      expect(stdout).toContain('[flow/unknown-step]');
      expect(stdout).not.toContain('[test/failed]');
      expect(stdout).toMatch(/1 error, 0 warnings \(checked: 1 number, 0 schedules, 0 shared messages, 0 audio files, 2 flow tests \(2 not run: their number has errors\)\)\n$/);
    } finally {
      repo.cleanup();
    }
  });
});

describe('callflow validate on a broken repo', () => {
  const root = fixtureRoot('ivr-fallbacks');

  it('text: file:line:col, severity, message and rule, a code frame of the offending line, a hint', async () => {
    const { code, stdout } = await runCli(['validate', '--root', root]);
    expect(code).toBe(1);
    const block = stdout.split('\n\n').find((b) => b.includes('[ivr/invalid-input-target]'))!;
    expect(block.split('\n')[0]).toBe('config/numbers/line.yaml:13:22  error  welcome.invalid_input: step "nowhere" does not exist  [ivr/invalid-input-target]');
    expect(block).toContain('  > 13 |       invalid_input: nowhere');
    expect(block).toMatch(/\n {7}\| {22}\^{7}(\n|$)/);
    expect(stdout).toContain('  hint: add no_input: <step>');
    expect(stdout).toMatch(/2 errors, 0 warnings \(checked: 1 number, 0 schedules/);
    expect(stdout).not.toContain('\x1b[');
  });

  it('json: SPEC §4 shape, one entry per problem', async () => {
    const { code, stdout } = await runCli(['validate', '--root', root, '--format', 'json']);
    expect(code).toBe(1);
    const { problems } = JSON.parse(stdout) as { problems: Record<string, unknown>[] };
    expect(problems).toHaveLength(2);
    expect(problems[1]).toMatchObject({ severity: 'error', rule: 'ivr/invalid-input-target', file: 'config/numbers/line.yaml', line: 13, column: 22 });
    for (const p of problems) expect(Object.keys(p)).toEqual(expect.arrayContaining(['severity', 'rule', 'message', 'file', 'line', 'column']));
  });

  it('github: one ::error workflow command per problem with file, line and col', async () => {
    const { code, stdout } = await runCli(['validate', '--root', root, '--format', 'github']);
    expect(code).toBe(1);
    const commands = stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(commands).toHaveLength(2);
    expect(commands[1]).toMatch(/^::error file=config\/numbers\/line\.yaml,line=13,endLine=13,col=22,title=callflow ivr\/invalid-input-target::welcome\.invalid_input: step "nowhere" does not exist$/);
  });

  it('github: warnings are ::warning and do not fail', async () => {
    const { code, stdout } = await runCli(['validate', '--root', fixtureRoot('flow-unreachable'), '--format', 'github']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^::warning file=config\/numbers\/line\.yaml,line=11,/m);
  });

  it('github: escapes newlines, % and property separators so a message cannot inject a command', async () => {
    const repo = tempRepo({ 'config/numbers/x,y.yaml': numberYaml('    welcome:\n      type: message\n      message: { tts: "x" }\n      next: "100%x"\n') });
    try {
      const { stdout } = await runCli(['validate', '--root', repo.root, '--format', 'github']);
      expect(stdout).toContain('file=config/numbers/x%2Cy.yaml,');
      const command = stdout.split('\n').find((l) => l.startsWith('::error'))!;
      expect(command).toContain('"100%25x"');
      expect(stdout.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(1);
      // A message that does hold a newline still cannot start a second command.
      const raw = formatProblemsGithub([{ severity: 'error', rule: 'r', message: 'a%\n::error::b', file: 'f', line: 1, column: 1 }]);
      expect(raw).toBe('::error file=f,line=1,col=1,title=callflow r::a%25%0A::error::b');
    } finally {
      repo.cleanup();
    }
  });
});

describe('callflow validate exit codes and usage', () => {
  it('exits 1 on each broken fixture, naming its file', async () => {
    for (const [fixture, file] of [
      ['number-duplicate', 'config/numbers/b-second.yaml'],
      ['flow-no-exit', 'config/numbers/line.yaml'],
      ['schedule-hours', 'config/schedules/broken.yaml'],
      ['schema-problems', 'config/callflow.yaml'],
    ] as const) {
      const { code, stdout } = await runCli(['validate', '--root', fixtureRoot(fixture), '--format', 'json']);
      expect(code, fixture).toBe(1);
      expect((JSON.parse(stdout) as { problems: { file: string }[] }).problems.map((p) => p.file)).toContain(file);
    }
  });

  it('--config points at another directory; a missing one is an error naming it, not a crash', async () => {
    const { code, stdout, stderr } = await runCli(['validate', '--config', 'no-such-dir']);
    expect(code).toBe(1);
    expect(stdout).toContain('no no-such-dir/ directory');
    expect(stdout + stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses an unknown format or flag with the usage, exit 1, no stack trace', async () => {
    for (const argv of [['validate', '--format', 'xml'], ['validate', '--frmat', 'json']]) {
      const { code, stderr } = await runCli(argv);
      expect(code).toBe(1);
      expect(stderr).toContain('Usage: callflow validate');
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('prints help and exits 0; an unknown command exits 1', async () => {
    expect(await runCli(['validate', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('--format text|json|github') });
    expect(await runCli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('validate') });
    expect(await runCli(['valdate'])).toMatchObject({ code: 1, stderr: expect.stringContaining('unknown command "valdate"') });
  });
});
