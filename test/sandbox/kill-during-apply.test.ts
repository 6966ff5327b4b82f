/**
 * "The store survives kill -9 during a 1,000-number apply with every acknowledged write there":
 * `callflow apply --doit` of 1,000 new flows against a sandbox in another process; half way
 * through, that process is SIGKILLed and a new one started on the same port and data dir. Every
 * write the CLI had an answer for (counted where the answers arrive) must be in the store, and
 * a second apply finishes the job.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { CREDENTIALS, removeTempDirs, tempDir, startChildSandbox } from './helpers.js';

const NUMBERS = 1000;
const KILL_AFTER_ACKS = 900;
const children: ChildProcess[] = [];

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(removeTempDirs);

function startSandbox(args: string[]): Promise<{ child: ChildProcess; url: string }> {
  return startChildSandbox(args, children);
}

async function writeRepo(root: string): Promise<void> {
  await mkdir(join(root, 'config', 'numbers'), { recursive: true });
  for (let i = 0; i < NUMBERS; i += 1) {
    await writeFile(
      join(root, 'config', 'numbers', `line-${i}.yaml`),
      `number: "+3319${String(i).padStart(7, '0')}"\nname: Line ${i}\ntimezone: Europe/Paris\nlanguage: fr-FR\nflow:\n  start: greeting\n  steps:\n    greeting: { type: message, message: { tts: "Bonjour ${i}" }, next: support }\n    support: { type: ring, to: { team: Support }, unanswered: voicemail }\n    voicemail: { type: voicemail, message: { tts: "Laissez un message." } }\n`,
    );
  }
}

interface Ack {
  method: string;
  path: string;
  request: unknown;
  answer: unknown;
}

async function apply(root: string, url: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const io: CliIo = { stdout: () => {}, stderr: (t) => (stderr += `${t}\n`), cwd: root, env: { CALLFLOW_PROVIDER_URL: url, CALLFLOW_LOG_LEVEL: 'silent' }, isTTY: false };
  return { code: await main(['apply', '--doit', '--force'], io), stderr };
}

describe('kill -9 during a 1,000-number apply', () => {
  it('keeps every acknowledged write, and a second apply finishes the job', async () => {
    const root = await tempDir('callflow-kill-apply-');
    await writeRepo(root);
    const data = join(root, 'sandbox-data');
    const first = await startSandbox(['--data', data, '--seed-config', root, '--rate-limit', '1000000']);
    const port = new URL(first.url).port;

    const acks: Ack[] = [];
    let restarted: Promise<{ child: ChildProcess; url: string }> | undefined;
    const realFetch = globalThis.fetch;
    globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
      const response = await realFetch(input, init);
      const method = init?.method ?? 'GET';
      if (method !== 'GET' && method !== 'HEAD' && response.ok) {
        const text = await response.clone().text();
        acks.push({ method, path: new URL(String(input)).pathname, request: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined, answer: text ? JSON.parse(text) : undefined });
        if (acks.length === KILL_AFTER_ACKS) {
          // The answer is in hand, so the write is acknowledged: kill the server now, mid-apply.
          first.child.kill('SIGKILL');
          restarted = startSandbox(['--data', data, '--port', port, '--rate-limit', '1000000']);
        }
      }
      return response;
    }) as typeof fetch;
    try {
      await apply(root, first.url);
      expect(restarted, 'the server was killed mid-apply').toBeDefined();
      const second = await restarted!;
      expect(second.url).toBe(first.url);

      // Every acknowledged draft is stored with its document, every acknowledged publish is live.
      const auth = { authorization: `Basic ${Buffer.from(`${CREDENTIALS.id}:${CREDENTIALS.token}`).toString('base64')}` };
      const origin = new URL(second.url).origin;
      const drafts = acks.filter((a) => a.method === 'PUT' && a.path.endsWith('/flow/draft'));
      const publishes = acks.filter((a) => a.method === 'POST' && a.path.endsWith('/flow/publish'));
      expect(drafts.length).toBeGreaterThan(KILL_AFTER_ACKS / 3);
      for (const draft of drafts) {
        const version = (draft.answer as { version: { version: number } }).version.version;
        const stored = await realFetch(`${origin}${draft.path.replace(/\/draft$/, '')}/versions/${version}`, { headers: auth });
        expect(stored.status, draft.path).toBe(200);
        expect(((await stored.json()) as { version: { document: unknown } }).version.document).toEqual((draft.request as { document: unknown }).document);
      }
      for (const publish of publishes) {
        const flow = (await (await realFetch(`${origin}${publish.path.replace(/\/publish$/, '')}`, { headers: auth })).json()) as { published: { version: number } | null };
        expect(flow.published?.version, publish.path).toBe((publish.answer as { published_version: number }).published_version);
      }

      // What the kill interrupted is finished by running apply again.
      const rerun = await apply(root, second.url);
      expect(rerun.code, rerun.stderr).toBe(0);
      let stderr = '';
      const io: CliIo = { stdout: () => {}, stderr: (t) => (stderr += t), cwd: root, env: { CALLFLOW_PROVIDER_URL: second.url, CALLFLOW_LOG_LEVEL: 'silent' }, isTTY: false };
      expect(await main(['plan', '--detailed-exitcode'], io), stderr).toBe(0);
    } finally {
      globalThis.fetch = realFetch;
    }
  }, 180_000);
});
