/**
 * GitHub's own OpenAPI description (npm `@octokit/openapi`, api.github.com) as a checker: finds
 * the operation of a request, validates its parameters and JSON body, and validates a response
 * against the schema of its status. The fake GitHub runs every exchange through it, so neither
 * our requests nor its answers can drift from what GitHub documents.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS with a default export.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv) => Ajv;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
}
interface Operation {
  operationId: string;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> };
  responses: Record<string, { $ref: string } | { content?: Record<string, { schema: unknown }> }>;
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: {
    parameters: Record<string, Parameter>;
    responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
    examples: Record<string, { value: unknown }>;
  };
}

export interface MatchedOperation {
  method: string;
  template: string;
  operationId: string;
  pathParams: Record<string, string>;
}

const SPEC_ID = 'github';

export class GitHubOpenApi {
  private readonly spec: Spec;
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly routes: Array<{ template: string; pattern: RegExp; names: string[]; literals: number }>;

  constructor() {
    const path = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
    this.spec = withNullableTypes(JSON.parse(readFileSync(path, 'utf8'))) as Spec;
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
    addFormats(this.ajv);
    this.ajv.addSchema(this.spec as object, SPEC_ID);
    this.routes = Object.keys(this.spec.paths)
      .map((template) => {
        const names: string[] = [];
        const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}/g, (_, name: string) => {
          names.push(name);
          return '([^/]+)';
        });
        return { template, pattern: new RegExp(`^${source}$`), names, literals: template.split('/').filter((s) => s && !s.startsWith('{')).length };
      })
      // `/issues/comments` must win over `/issues/{issue_number}`.
      .sort((a, b) => b.literals - a.literals);
  }

  /** A copy of one of GitHub's documented example payloads (`components/examples/NAME`). */
  example<T = Record<string, unknown>>(name: string): T {
    const example = this.spec.components.examples[name];
    if (!example) throw new Error(`GitHub's description has no example named ${name}`);
    return structuredClone(example.value) as T;
  }

  match(method: string, pathname: string): MatchedOperation | undefined {
    const lower = method.toLowerCase();
    for (const route of this.routes) {
      const found = route.pattern.exec(pathname);
      if (!found || !this.spec.paths[route.template]![lower]) continue;
      const pathParams = Object.fromEntries(route.names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)]));
      return { method: lower, template: route.template, operationId: this.operation(route.template, lower).operationId, pathParams };
    }
    return undefined;
  }

  /** Problems with a request: missing or ill-typed parameters, a body the operation does not take. */
  checkRequest(op: MatchedOperation, query: URLSearchParams, body: unknown): string[] {
    const operation = this.operation(op.template, op.method);
    const problems: string[] = [];
    for (const parameter of this.parameters(operation)) {
      if (parameter.in !== 'path' && parameter.in !== 'query') continue;
      const raw = parameter.in === 'path' ? op.pathParams[parameter.name] : (query.get(parameter.name) ?? undefined);
      if (raw === undefined) {
        if (parameter.required) problems.push(`${parameter.in} parameter ${parameter.name} is required`);
        continue;
      }
      const validate = this.ajv.compile(parameter.schema ?? {});
      const value = coerce(raw, parameter.schema);
      if (!validate(value)) problems.push(`${parameter.in} parameter ${parameter.name}=${raw}: ${this.ajv.errorsText(validate.errors)}`);
    }
    for (const name of query.keys()) {
      if (!this.parameters(operation).some((p) => p.in === 'query' && p.name === name)) problems.push(`query parameter ${name} is not one of ${op.operationId}'s`);
    }
    const content = operation.requestBody?.content['application/json'];
    if (body === undefined) {
      if (operation.requestBody?.required) problems.push('a JSON body is required');
    } else if (!content) {
      problems.push(`${op.operationId} takes no JSON body`);
    } else {
      problems.push(...this.validate(`${pointer(op.template, op.method)}/requestBody/content/application~1json/schema`, body, 'request body'));
    }
    return problems;
  }

  /** Problems with a response: a status the operation never answers, a body off its schema. */
  checkResponse(op: MatchedOperation, status: number, body: unknown): string[] {
    const operation = this.operation(op.template, op.method);
    const response = operation.responses[String(status)];
    if (!response) return [`${op.operationId} never answers ${status} (documented: ${Object.keys(operation.responses).join(', ')})`];
    if ('$ref' in response) {
      const name = response.$ref.split('/').pop()!;
      const content = this.spec.components.responses[name]?.content?.['application/json'];
      return content ? this.validate(`/components/responses/${escape(name)}/content/application~1json/schema`, body, `${status} response`) : [];
    }
    if (!response.content?.['application/json']) return body === undefined ? [] : [`${op.operationId} ${status} has no body`];
    return this.validate(`${pointer(op.template, op.method)}/responses/${status}/content/application~1json/schema`, body, `${status} response`);
  }

  private validate(schemaPointer: string, value: unknown, what: string): string[] {
    let validate = this.compiled.get(schemaPointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${SPEC_ID}#${encodeURI(schemaPointer)}` });
      this.compiled.set(schemaPointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `${what}${e.instancePath || ''} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` (${String(e.params['allowedValues'])})` : ''}`);
  }

  private operation(template: string, method: string): Operation {
    return this.spec.paths[template]![method]!;
  }

  private parameters(operation: Operation): Parameter[] {
    return (operation.parameters ?? []).map((p) => ('$ref' in p ? this.spec.components.parameters[p.$ref.split('/').pop()!]! : p));
  }
}

/**
 * OpenAPI 3.0's `nullable: true` beside `allOf`/`anyOf`/`$ref` (no `type`) is not JSON Schema,
 * and Ajv supports `nullable` only next to `type`: say the same thing as `anyOf [..., null]`.
 */
function withNullableTypes(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withNullableTypes);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = withNullableTypes(value);
  if (out['nullable'] === true && !('type' in out)) {
    const { nullable: _nullable, ...rest } = out;
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

function coerce(raw: string, schema: Record<string, unknown> | undefined): unknown {
  const type = schema?.['type'];
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  return raw;
}

const escape = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const pointer = (template: string, method: string) => `/paths/${escape(template)}/${method}`;
