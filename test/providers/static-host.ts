/**
 * A static file host on 127.0.0.1 (what GitHub Pages or a bucket is to a team): serves the
 * files under `dir` by path, ignores the query string, and records each request.
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

export interface StaticHost {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

export async function startStaticHost(dir: string): Promise<StaticHost> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
    requests.push(path);
    const file = normalize(join(dir, path));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    readFile(file).then(
      (bytes) => res.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': bytes.length }).end(bytes),
      () => res.writeHead(404, { 'content-type': 'text/plain' }).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
