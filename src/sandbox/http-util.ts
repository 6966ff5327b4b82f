/** Request/response helpers for the sandbox server (node:http, no framework). */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** An error answer: Aircall's shape `{ error, troubleshoot }`. Thrown by routes, sent by the server. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly troubleshoot?: string,
    readonly headers: Record<string, string> = {},
    /** Extra fields in the error body, e.g. who holds a lock. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const MAX_JSON_BYTES = 5 * 1024 * 1024;
export const MAX_ASSET_BYTES = 20 * 1024 * 1024;

export async function readBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'Payload too large', `bodies are limited to ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const bytes = await readBytes(req, MAX_JSON_BYTES);
  if (bytes.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new HttpError(400, 'Invalid JSON', 'send a JSON object with Content-Type: application/json');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HttpError(400, 'Invalid body', 'the body must be a JSON object');
  if (depthExceeds(value, MAX_JSON_DEPTH)) throw new HttpError(400, 'Invalid body', `the body is nested more than ${MAX_JSON_DEPTH} levels`);
  return value as Record<string, unknown>;
}

/** Flow documents are a few levels deep; a deeper body would overflow the stack of whoever walks it (clone, compare, store). */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests deeper than `max`, found without recursion (the value may be 20,000 deep). */
export function depthExceeds(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length) {
    const [item, depth] = stack.pop()!;
    if (item === null || typeof item !== 'object') continue;
    if (depth > max) return true;
    for (const child of Object.values(item)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number, headers: Record<string, string> = {}): void {
  res.writeHead(status, headers);
  res.end();
}

export function positiveInt(value: string | null, fallback: number, max: number): number {
  if (value === null) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new HttpError(400, 'Invalid pagination', 'page and per_page are positive integers');
  return Math.min(n, max);
}
