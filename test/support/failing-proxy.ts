/**
 * A loopback HTTP proxy in front of a real server that answers chosen requests with an error
 * itself (and forwards the rest untouched): how a test makes one number's write fail.
 */
import { createServer, request as forward } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FailingProxy {
  url: string;
  /** Requests answered with the error so far. */
  failed: number;
  close: () => Promise<void>;
}

export async function startFailingProxy(target: string, fails: (method: string, path: string) => boolean, status = 422): Promise<FailingProxy> {
  const upstream = new URL(target);
  const proxy: FailingProxy = { url: '', failed: 0, close: async () => undefined };
  const server = createServer((req, res) => {
    if (fails(req.method ?? 'GET', req.url ?? '/')) {
      proxy.failed += 1;
      req.resume();
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'Unprocessable', troubleshoot: 'refused by the test proxy' }));
      return;
    }
    const out = forward({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.writeHead(502).end());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return proxy;
}
