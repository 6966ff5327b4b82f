import type { z } from 'zod';
import type { Problem } from '../model/problem.js';
import { escapeControls as escapeControlsIn, excerpt } from '../model/excerpt.js';
import { didYouMean } from './did-you-mean.js';
import { locate, type PathSegment } from './locate.js';
import type { YamlSource } from './yaml-source.js';

type Issue = z.core.$ZodIssue;

/** Validate `data` against a zod schema and turn every issue into a positioned problem. */
export function checkSchema<S extends z.ZodType>(
  schema: S,
  source: YamlSource,
  data: unknown,
): { value?: z.infer<S>; problems: Problem[] } {
  const result = schema.safeParse(data);
  if (result.success) return { value: result.data, problems: [] };
  const issues = withoutTypoEchoes(flattenIssues(result.error.issues, data), schema, data);
  const problems = issues.map((issue) => toProblem(issue, schema, source, data));
  return { problems: dedupe(problems) };
}

/**
 * `nmae: T` gives both "unknown key nmae" and "name is required"; the second only repeats
 * the first, so it is dropped when the unknown key's suggestion is the missing key.
 */
function withoutTypoEchoes(issues: Issue[], schema: z.ZodType, data: unknown): Issue[] {
  const suggested = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== 'unrecognized_keys') continue;
    const known = knownKeys(schema, data, issue.path as PathSegment[]);
    for (const key of issue.keys) {
      const suggestion = didYouMean(key, known);
      if (suggestion) suggested.add(JSON.stringify([...issue.path, suggestion]));
    }
  }
  if (suggested.size === 0) return issues;
  return issues.filter((issue) => !(isMissingKey(issue, data, []) && suggested.has(JSON.stringify(issue.path))));
}

/** Unions report every branch; keep the branch the user evidently meant. */
function flattenIssues(issues: readonly Issue[], data: unknown, prefix: PathSegment[] = []): Issue[] {
  const out: Issue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as PathSegment[])];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // A union (message, end, to…) that is simply absent: say it is required, not which form failed.
      if (valueAt(data, path) === undefined) {
        out.push({ code: 'invalid_type', expected: 'object', path, message: 'required', input: undefined } as Issue);
        continue;
      }
      const best = pickBranch(issue.errors, data, path);
      if (best) out.push(...flattenIssues(best, data, path));
      else out.push({ ...issue, path, message: unionMessage(issue.errors, data, path) } as Issue);
      continue;
    }
    out.push({ ...issue, path } as Issue);
  }
  return out;
}

function pickBranch(branches: readonly (readonly Issue[])[], data: unknown, base: PathSegment[]): readonly Issue[] | undefined {
  const scored = branches.map((issues) => ({ issues, misses: issues.filter((i) => isMissingKey(i, data, base) || i.code === 'unrecognized_keys').length }));
  scored.sort((a, b) => a.misses - b.misses || a.issues.length - b.issues.length);
  const [first, second] = scored;
  if (!first) return undefined;
  // Every branch misses its required key: the user picked none of the forms.
  if (first.misses > 0 && second && second.misses === first.misses && first.issues.some((i) => isMissingKey(i, data, base))) return undefined;
  // `{ key: "#", digits: 4 }`, `{ team: A, user: B }`: each of the closest forms refuses only the
  // other's key; the user combined two forms.
  const tied = scored.filter((b) => b.misses === first.misses);
  if (tied.length > 1 && tied.every((b) => b.issues.length > 0 && b.issues.every((i) => i.code === 'unrecognized_keys'))) return undefined;
  return first.issues;
}

function unionMessage(branches: readonly (readonly Issue[])[], data: unknown, base: PathSegment[]): string {
  const forms = branches
    .map((issues) => issues.filter((i) => isMissingKey(i, data, base)).map((i) => String(i.path.at(-1))).join(' + '))
    .filter(Boolean);
  const value = valueAt(data, base);
  const isMap = value !== null && typeof value === 'object' && !Array.isArray(value);
  if (isMap) {
    // Keys that a form takes when it refuses nothing but the other keys: forms written together.
    const combined = Object.keys(value as object).filter((key) =>
      branches.some((b) => b.length > 0 && b.every((i) => i.code === 'unrecognized_keys' && !i.keys.includes(key))),
    );
    if (combined.length > 1) return `use one of ${combined.map((k) => `"${excerpt(k)}"`).join(', ')}, not several`;
  }
  if (forms.length === branches.length && isMap) {
    const unique = [...new Set(forms)];
    const typo = Object.keys(value as object)
      .map((key) => ({ key, suggestion: didYouMean(key, unique) }))
      .find((t) => t.suggestion);
    const suffix = typo ? `; unknown key "${excerpt(typo.key)}", did you mean "${typo.suggestion}"?` : '';
    return `expected one of the keys ${unique.map((f) => `"${f}"`).join(', ')}${suffix}`;
  }
  return `expected ${describeForms(forms)}; got ${describeValue(value)}`;
}

function describeForms(forms: string[]): string {
  return forms.length ? `a map with ${forms.map((f) => `"${f}"`).join(' or ')}` : 'another form';
}

function isMissingKey(issue: Issue, data: unknown, base: PathSegment[]): boolean {
  return issue.code === 'invalid_type' && valueAt(data, [...base, ...(issue.path as PathSegment[])]) === undefined;
}

function toProblem(issue: Issue, schema: z.ZodType, source: YamlSource, data: unknown): Problem {
  const path = issue.path as PathSegment[];
  const base = { severity: 'error' as const, file: source.file };
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0]!;
      const known = knownKeys(schema, data, path);
      const suggestion = didYouMean(key, known);
      const others = issue.keys.slice(1, 6).map((k) => `"${excerpt(k)}"`);
      if (issue.keys.length > 6) others.push(`${issue.keys.length - 6} more`);
      const extra = others.length ? ` (and ${others.join(', ')})` : '';
      return {
        ...base,
        rule: 'schema/unknown-key',
        message: `unknown key "${excerpt(key)}"${extra}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        ...(known.length ? { hint: `allowed here: ${known.join(', ')}` } : {}),
        ...locate(source, [...path, key], { key: true }),
      };
    }
    case 'invalid_key': {
      // A record whose keys follow a pattern (weekly: a day or a range of days): the same words as an unknown key.
      const key = String(path.at(-1));
      const inner = (issue as { issues?: Array<{ code?: string; message?: string }> }).issues;
      // A key that is a name (flow.steps) but too long: say so, with an excerpt of it.
      if (inner?.[0]?.code === 'too_big') {
        return { ...base, rule: 'schema/range', message: `${label(path.slice(0, -1))}: key "${excerpt(key)}" is too long: ${inner[0].message}`, ...locate(source, path, { key: true }) };
      }
      const known = knownKeys(schema, data, path.slice(0, -1));
      const suggestion = didYouMean(key, known);
      const detail = (issue as { issues?: Array<{ message?: string }> }).issues?.map((i) => i.message).findLast((m) => m && !m.startsWith('Invalid'));
      return {
        ...base,
        rule: 'schema/unknown-key',
        message: `unknown key "${excerpt(key)}"${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        ...(detail ? { hint: `keys here: ${detail}` } : known.length ? { hint: `allowed here: ${known.join(', ')}` } : {}),
        ...locate(source, path, { key: true }),
      };
    }
    case 'invalid_type': {
      const value = valueAt(data, path);
      if (value === undefined) return { ...base, rule: 'schema/required', message: required(path), ...locate(source, path) };
      // YAML reads +33176360000, 0123 or 1.10 as numbers; quoting keeps them as written.
      const quote = issue.expected === 'string' && (typeof value === 'number' || typeof value === 'boolean');
      return {
        ...base,
        rule: 'schema/type',
        message: `${label(path)}: expected ${article(issue.expected)}, got ${describeValue(value)}`,
        ...(quote ? { hint: 'put the value in double quotes so YAML keeps it as text' } : {}),
        ...locate(source, path),
      };
    }
    case 'invalid_value': {
      const value = valueAt(data, path);
      const options = issue.values.map(String);
      const suggestion = typeof value === 'string' ? didYouMean(value, options) : undefined;
      return {
        ...base,
        rule: 'schema/value',
        message: `${label(path)}: ${describeValue(value)} is not one of ${options.map((o) => `"${o}"`).join(', ')}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
        ...locate(source, path),
      };
    }
    case 'invalid_union': {
      if ((issue as { note?: string }).note === 'No matching discriminator' && 'options' in issue) {
        const value = valueAt(data, path);
        const options = (issue as unknown as { options: unknown[] }).options.map(String);
        const suggestion = typeof value === 'string' ? didYouMean(value, options) : undefined;
        if (value === undefined) {
          const typo = typoOfKey(data, path);
          if (typo) {
            return { ...base, rule: 'schema/unknown-key', message: `unknown key "${excerpt(typo)}"; did you mean "${String(path.at(-1))}"?`, hint: `${String(path.at(-1))}: one of ${options.join(', ')}`, ...locate(source, [...path.slice(0, -1), typo], { key: true }) };
          }
        }
        const what = value === undefined ? required(path) : `${describeValue(value)} is not a known ${String(path.at(-1))}`;
        return {
          ...base,
          rule: value === undefined ? 'schema/required' : 'schema/value',
          message: `${what}${suggestion ? `; did you mean "${suggestion}"?` : ''}`,
          hint: `one of: ${options.join(', ')}`,
          ...locate(source, path),
        };
      }
      return { ...base, rule: 'schema/shape', message: `${label(path)}: ${issue.message}`, ...locate(source, path) };
    }
    case 'custom': {
      const rule = typeof issue.params?.['rule'] === 'string' ? (issue.params['rule'] as string) : 'schema/invalid';
      return { ...base, rule, message: `${label(path)}: ${issue.message}`, ...locate(source, path) };
    }
    case 'invalid_format': {
      const rule = path.length === 1 && path[0] === 'number' ? 'number/e164' : 'schema/format';
      return { ...base, rule, message: `${label(path)}: ${describeValue(valueAt(data, path))} ${isNot(issue.message)}`, ...locate(source, path) };
    }
    case 'too_big':
    case 'too_small': {
      return { ...base, rule: 'schema/range', message: `${label(path)}: ${issue.message.replace(/^Too (big|small): /, '')}`, ...locate(source, path) };
    }
    default:
      return { ...base, rule: 'schema/invalid', message: `${label(path)}: ${issue.message}`, ...locate(source, path) };
  }
}

function label(path: readonly PathSegment[]): string {
  return path.length ? path.map((segment) => excerpt(String(segment), 40)).join('.') : 'file';
}

function required(path: readonly PathSegment[]): string {
  const parent = path.slice(0, -1);
  return `${parent.length ? `${label(parent)}: ` : ''}"${String(path.at(-1) ?? 'value')}" is required`;
}

/** A key of the map holding `path` that looks like a misspelling of its last segment (`tpye` for `type`). */
function typoOfKey(data: unknown, path: readonly PathSegment[]): string | undefined {
  const parent = valueAt(data, path.slice(0, -1));
  if (parent === null || typeof parent !== 'object' || Array.isArray(parent)) return undefined;
  const wanted = String(path.at(-1));
  return Object.keys(parent).find((key) => didYouMean(key, [wanted]) !== undefined);
}

function article(expected: string): string {
  const names: Record<string, string> = { object: 'a map', record: 'a map', array: 'a list', string: 'a string', number: 'a number', boolean: 'true or false' };
  return names[expected] ?? expected;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `"${value.length > 40 ? `${escapeControlsIn(value.slice(0, 37))}...` : escapeControlsIn(value)}"`;
  return String(value);
}

export function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment as string];
  }
  return value;
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.rule}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The keys the schema allows for the object at `path`, following the data through unions. */
function knownKeys(schema: z.ZodType, data: unknown, path: readonly PathSegment[]): string[] {
  let current: unknown = schema;
  for (let i = 0; i <= path.length; i += 1) {
    current = unwrap(current, valueAt(data, path.slice(0, i)));
    if (i === path.length) break;
    const def = defOf(current);
    const segment = path[i]!;
    if (def?.type === 'object') current = (def.shape as Record<string, unknown>)[segment as string];
    else if (def?.type === 'record') current = def.valueType;
    else if (def?.type === 'array') current = def.element;
    else return [];
  }
  const def = defOf(current);
  if (def?.type === 'object') return Object.keys(def.shape as object);
  // A record keyed by an enum (weekly: monday…sunday) knows its keys too.
  const keyDef = def?.type === 'record' ? defOf(def.keyType) : undefined;
  // …also when the enum is one option of a union (weekly: a day or a range of days).
  const keyDefs = keyDef?.type === 'union' ? (keyDef.options as unknown[]).map(defOf) : [keyDef];
  return keyDefs.flatMap((d) => (d?.type === 'enum' ? Object.values(d.entries as Record<string, string>) : []));
}

type Def = { type: string; [key: string]: unknown };
function defOf(schema: unknown): Def | undefined {
  return (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;
}

function unwrap(schema: unknown, value: unknown): unknown {
  for (let guard = 0; guard < 20; guard += 1) {
    const def = defOf(schema);
    if (!def) return schema;
    if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch'].includes(def.type)) schema = def.innerType;
    else if (def.type === 'pipe') schema = def.in;
    else if (def.type === 'union') schema = closestOption(def.options as unknown[], value);
    else return schema;
  }
  return schema;
}

/** For a union, the option whose keys (or discriminator) best match the data. */
function closestOption(options: unknown[], value: unknown): unknown {
  const keys = value && typeof value === 'object' ? Object.keys(value) : [];
  let best = options[0];
  let bestScore = -1;
  for (const option of options) {
    const def = defOf(unwrap(option, value));
    if (def?.type !== 'object') continue;
    const shape = def.shape as Record<string, unknown>;
    const typeLiteral = defOf(shape['type']);
    if (typeLiteral?.type === 'literal' && (typeLiteral.values as unknown[]).includes((value as Record<string, unknown>)?.['type'])) return option;
    const score = keys.filter((k) => k in shape).length;
    if (score > bestScore) {
      bestScore = score;
      best = option;
    }
  }
  return best;
}

/**
 * The value against what was expected: schema messages name what is expected ("a range
 * "HH:MM-HH:MM"", "a step name: …") or already deny it ("not an E.164 number: …"); either way
 * the sentence must say the value is not it.
 */
function isNot(expected: string): string {
  if (/^not\b/.test(expected)) return `is ${expected}`;
  if (/^Invalid string/i.test(expected)) return 'is not written as expected here';
  return `is not ${expected}`;
}

