/** A tiny method + path-template router: `/v1/numbers/:id` → params.id. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../clock.js';
import { HttpError } from './http-util.js';
import type { SandboxStore } from './store.js';

export interface RouteContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  store: SandboxStore;
  clock: Clock;
  /** Origin clients reach us on, for Aircall's absolute `direct_link`s and page links. */
  origin: string;
}

export type Handler = (context: RouteContext) => Promise<void>;

interface Route {
  method: string;
  pattern: RegExp;
  names: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    const names: string[] = [];
    const source = template.replace(/:([a-z_][a-z0-9_]*)/g, (_, name: string) => {
      names.push(name);
      return '([^/]+)';
    });
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  /** The handler and params, or which methods the path allows (for 405), or nothing (404). */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | { allowed: string[] } | undefined {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params = Object.fromEntries(route.names.map((name, i) => [name, decodeSegment(found[i + 1]!)]));
      return { handler: route.handler, params };
    }
    return allowed.length ? { allowed } : undefined;
  }
}

/** `%E0%A4%A` is no character: the client's mistake, answered 400 like any bad input. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'Invalid path', `"${segment.slice(0, 40)}" has malformed percent-encoding`);
  }
}
