import { describe, expect, it } from 'vitest';
import { checkSchema } from '../../src/config/schema-problems.js';
import { numberFile, sharedMessageFile } from '../../src/config/schema/index.js';
import { parseYamlText } from '../../src/config/yaml-source.js';
import { expectProblem, numberYaml, rulesOf, validateFixture } from '../fixtures/broken/harness.js';

function check(text: string, schema: Parameters<typeof checkSchema>[0] = numberFile) {
  const read = parseYamlText('config/numbers/t.yaml', text);
  expect(read.problems).toEqual([]);
  return checkSchema(schema, read.source!, read.data).problems;
}

describe('schema problems in the broken fixture repo', () => {
  it('points unknown keys at the key, with a did-you-mean', async () => {
    const problems = await validateFixture('schema-problems');
    const file = 'config/numbers/unknown-key.yaml';
    // The message union picks the tts form the user meant, not "expected file or ref".
    const voise = expectProblem(problems, { rule: 'schema/unknown-key', file, line: 11, column: 35 });
    expect(voise.message).toBe('unknown key "voise"; did you mean "voice"?');
    expect(voise.hint).toBe('allowed here: tts, language, voice');
    expect(expectProblem(problems, { rule: 'schema/unknown-key', file, line: 12, column: 7 }).message).toContain('did you mean "next"?');
    // The misspelt key is one mistake, not also a missing "next".
    expect(problems.filter((p) => p.file === file)).toHaveLength(2);
  });

  it('points missing required keys at the parent map', async () => {
    const problems = await validateFixture('schema-problems');
    const problem = expectProblem(problems, { rule: 'schema/required', file: 'config/numbers/missing-key.yaml', line: 10, column: 7 });
    expect(problem.message).toBe('flow.steps.welcome: "options" is required');
  });

  it('gives E.164, time zone, misspelt type and missing union their own problems', async () => {
    const problems = await validateFixture('schema-problems');
    const file = 'config/numbers/bad-values.yaml';
    expectProblem(problems, { rule: 'number/e164', file, line: 2, column: 9 });
    expectProblem(problems, { rule: 'timezone/invalid', file, line: 4, column: 11 });
    expect(expectProblem(problems, { rule: 'schema/unknown-key', file, line: 10, column: 7 }).message).toBe('unknown key "tpye"; did you mean "type"?');
    expect(expectProblem(problems, { rule: 'schema/required', file, line: 12, column: 7 }).message).toBe('flow.steps.account: "end" is required');
  });

  it('reports a list where a map belongs and errors in callflow.yaml', async () => {
    const problems = await validateFixture('schema-problems');
    expectProblem(problems, { rule: 'schema/type', file: 'config/numbers/list.yaml', line: 1, column: 1 });
    expectProblem(problems, { rule: 'schema/value', file: 'config/callflow.yaml', line: 2, column: 9 });
    expectProblem(problems, { rule: 'schema/range', file: 'config/callflow.yaml', line: 4, column: 22 });
    expect(expectProblem(problems, { rule: 'schema/unknown-key', file: 'config/callflow.yaml', line: 5, column: 3 }).message).toContain('"minNumbers"');
  });
});

describe('checkSchema', () => {
  it('names a step type that does not exist and suggests the closest', () => {
    const [problem, ...rest] = check(numberYaml('    welcome:\n      type: mesage\n      message: { tts: "x" }\n      next: welcome\n'));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ rule: 'schema/value', line: 9, column: 13 });
    expect(problem!.message).toBe('"mesage" is not a known type; did you mean "message"?');
  });

  it('says a value that does not match its format is not what was expected, whichever way the expectation is worded', () => {
    const messages = (text: string, schema: Parameters<typeof checkSchema>[0] = numberFile) => check(text, schema).map((p) => p.message);
    expect(messages(numberYaml('    bad.name: { type: hangup }\n').replace('start: welcome', 'start: bad.name'))).toContain('flow.start: "bad.name" is not a step name: letters, digits, "-" and "_"');
    expect(messages(numberYaml('    hours: { type: time_rule, schedule: Horaires support, open: hours, closed: hours }\n').replace('start: welcome', 'start: hours'))).toContain(
      'flow.steps.hours.schedule: "Horaires support" is not a name (letters, digits, ".", "-" and "_"): the file name without ".yaml"',
    );
    expect(messages(numberYaml('    welcome: { type: hangup }\n').replace('number: "+33100000001"', 'number: "0176360000"'))).toContain(
      'number: "0176360000" is not an E.164 number: "+", country code and digits only, e.g. "+33176360000"',
    );
  });

  it('says when two forms of a union are combined', () => {
    const [problem] = check(numberYaml('    welcome:\n      type: input_ivr\n      prompt: { tts: "x" }\n      end: { key: "#", digits: 4 }\n      next: welcome\n'));
    expect(problem).toMatchObject({ rule: 'schema/shape', line: 11, column: 12, message: 'flow.steps.welcome.end: use one of "key", "digits", not several' });
    // A ring step's targets: four forms, two of them written together.
    const [ring] = check(numberYaml('    welcome:\n      type: ring\n      to: { team: Ventes, user: Bob }\n      unanswered: welcome\n'));
    expect(ring).toMatchObject({ rule: 'schema/shape', line: 10, column: 11, message: 'flow.steps.welcome.to: use one of "team", "user", not several' });
  });

  it('suggests the form key of a union that none matched', () => {
    const [problem] = check(numberYaml('    welcome:\n      type: ring\n      to: { taem: Sales }\n      unanswered: welcome\n'));
    expect(problem).toMatchObject({ rule: 'schema/shape', line: 10, column: 11 });
    expect(problem!.message).toContain('did you mean "team"?');
  });

  it('suggests quoting a phone number YAML read as a number', () => {
    const text = numberYaml('    welcome: { type: hangup }\n').replace('"+33100000001"', '+33100000001');
    const [problem] = check(text);
    expect(problem).toMatchObject({ rule: 'schema/type', line: 1, column: 9 });
    expect(problem!.hint).toContain('double quotes');
  });

  it('suggests weekday names in a schedule', async () => {
    const { scheduleFile } = await import('../../src/config/schema/index.js');
    const [problem] = check('weekly:\n  mondy: ["09:00-12:00"]\n', scheduleFile);
    expect(problem).toMatchObject({ rule: 'schema/unknown-key', line: 2, column: 3, message: 'unknown key "mondy"; did you mean "monday"?' });
  });

  it('in a shared message, the tts form with a typo is still the tts form', () => {
    const problems = check('message: { tts: "x", voise: female }\n', sharedMessageFile);
    expect(rulesOf(problems)).toEqual(['schema/unknown-key']);
    expect(problems[0]!.message).toContain('did you mean "voice"?');
  });
});
