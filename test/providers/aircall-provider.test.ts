/**
 * The aircall provider against (1) a local server replaying response examples from Aircall's
 * API reference (test/fixtures/aircall/) and (2) the sandbox, which serves the same shape.
 * Nothing here touches the internet.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logging.js';
import { AircallProvider } from '../../src/providers/aircall/aircall-provider.js';
import type { TelephonyProvider } from '../../src/providers/provider.js';
import { parsePublicAudioUrl, publicAudioUrl } from '../../src/providers/audio-url.js';
import { AuthError, ProviderError } from '../../src/providers/errors.js';
import { CREDENTIALS, removeTempDirs, startTestSandbox, tempDir } from '../sandbox/helpers.js';
import { startStaticHost } from './static-host.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/aircall/', import.meta.url));
const KEYS = { id: 'my-api-id', token: 'my-api-token' };
const ROUTES: Record<string, string> = {
  '/v1/ping': 'ping.json',
  '/v1/numbers?page=1': 'numbers-page-1.json',
  '/v1/numbers?page=2': 'numbers-page-2.json',
  '/v1/numbers/1234': 'number.json',
  '/v1/users': 'users.json',
  '/v1/teams': 'teams.json',
};

interface Replay {
  url: string;
  puts: Array<{ path: string; body: unknown }>;
  close(): Promise<void>;
}

async function replayAircall(): Promise<Replay> {
  const puts: Replay['puts'] = [];
  const server: Server = createServer((req, res) => {
    const origin = `http://${req.headers.host}`;
    if (req.headers.authorization !== `Basic ${Buffer.from(`${KEYS.id}:${KEYS.token}`).toString('base64')}`) {
      res.writeHead(401, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ error: 'Unauthorized', troubleshoot: 'Check your api_id/api_token' }));
    }
    const url = new URL(req.url!, origin);
    if (req.method === 'PUT') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        puts.push({ path: url.pathname, body: JSON.parse(body) });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(readFileSync(`${FIXTURES}number.json`));
      });
      return;
    }
    const key = url.pathname === '/v1/numbers' ? `/v1/numbers?page=${url.searchParams.get('page') ?? '1'}` : url.pathname;
    const file = ROUTES[key];
    res.writeHead(file ? 200 : 404, { 'content-type': 'application/json', 'x-aircallapi-limit': '60', 'x-aircallapi-remaining': '59', 'x-aircallapi-reset': String(Math.ceil(Date.now() / 1000) + 60) });
    res.end(file ? readFileSync(`${FIXTURES}${file}`, 'utf8').replaceAll('https://api.aircall.io', origin) : JSON.stringify({ error: 'Not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    puts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('aircall provider on Aircall reference responses', () => {
  let replay: Replay;
  let provider: AircallProvider;
  beforeEach(async () => {
    replay = await replayAircall();
    provider = new AircallProvider({ baseUrl: replay.url, credentials: KEYS, logger: silentLogger() }, 'https://audio.example.com/callflow');
  });
  afterEach(() => replay.close());

  it('lists every page of numbers and turns Aircall digits into E.164', async () => {
    expect(await provider.listNumbers()).toEqual([
      { id: '1234', number: '+33176111111', name: 'French Office', timezone: 'Europe/Paris' },
      { id: '1235', number: '+12125550142', name: 'New York Office', timezone: 'America/New_York' },
    ]);
  });

  it('reads music & messages, with no flow and no language (Aircall has neither)', async () => {
    const live = await provider.readNumber('1234');
    expect(live.flow).toBeNull();
    expect(live.language).toBeUndefined();
    expect(live.messages).toMatchObject({ welcome: 'https://example.com/welcome.mp3', ringing_tone: 'https://example.com/ringing_tone.mp3', after_hours: 'https://example.com/after_hours.mp3' });
  });

  it('resolves users and teams by name', async () => {
    expect(await provider.listRingTargets()).toEqual([
      { kind: 'user', id: '456', name: 'John Doe' },
      { kind: 'team', id: '678', name: 'Sales' },
    ]);
  });

  it('updates the name, time zone and music & messages as URLs, and never sends a language', async () => {
    const url = provider.audioUrl('audio/fr/welcome.mp3', 'a'.repeat(64));
    await provider.updateNumber('1234', { name: 'Paris', timezone: 'Europe/Paris', language: 'fr-FR', messages: { welcome: url } });
    expect(replay.puts).toEqual([{ path: '/v1/numbers/1234', body: { name: 'Paris', time_zone: 'Europe/Paris', messages: { welcome: url } } }]);
    // What the plan's limitation lines say is what the update above did.
    const limits = provider.capabilities.limitations.join('\n');
    expect(limits).toContain("callflow applies each number's name, time zone and music & messages");
    expect(limits).toContain("a number's language is neither read nor set on Aircall");
  });

  it('says what it cannot do, and has no flow, asset or lock part to call', async () => {
    expect(provider.capabilities).toMatchObject({ flows: false, audio: 'url', locks: false });
    expect(provider.capabilities.limitations.join('\n')).toMatch(/https:\/\/audio\.example\.com\/callflow\/<repo path>\?sha256=<hash>; apply first checks that each URL serves the repo file's bytes/);
    const parts: TelephonyProvider = provider;
    expect([parts.flows, parts.assets, parts.lock]).toEqual([undefined, undefined, undefined]);
  });

  it('fails with AuthError on wrong keys', async () => {
    const wrong = new AircallProvider({ baseUrl: replay.url, credentials: { id: 'x', token: 'y' }, logger: silentLogger() }, undefined);
    await expect(wrong.listNumbers()).rejects.toBeInstanceOf(AuthError);
    expect(() => wrong.audioUrl('audio/a.mp3', 'b'.repeat(64))).toThrow(ProviderError);
  });
});

describe('public audio URLs', () => {
  it('are base + repo path + content hash, and read back', () => {
    const hash = 'c'.repeat(64);
    const url = publicAudioUrl('https://cdn.example.com/audio-root/', 'audio/fr/accueil été.mp3', hash);
    expect(url).toBe(`https://cdn.example.com/audio-root/audio/fr/accueil%20%C3%A9t%C3%A9.mp3?sha256=${hash}`);
    expect(parsePublicAudioUrl('https://cdn.example.com/audio-root', url)).toEqual({ path: 'audio/fr/accueil été.mp3', sha256: hash });
    expect(parsePublicAudioUrl('https://cdn.example.com/audio-root', 'https://elsewhere.example/x.mp3')).toBeUndefined();
  });
});

describe('aircall provider on sandbox --flavor aircall', () => {
  it('lists numbers in E.164 from formatted digits, and sets a slot the server downloads', async () => {
    const site = await tempDir('callflow-site-');
    await mkdir(join(site, 'audio'));
    const bytes = readFileSync(fileURLToPath(new URL('../../audio/fr/closed.mp3', import.meta.url)));
    writeFileSync(join(site, 'audio', 'vm.mp3'), bytes);
    const host = await startStaticHost(site);
    const t = await startTestSandbox({ flavor: 'aircall' });
    try {
      const provider = new AircallProvider({ baseUrl: t.sandbox.url, credentials: CREDENTIALS, logger: silentLogger() }, host.url);
      const [first] = await provider.listNumbers();
      expect(first).toMatchObject({ number: '+33176360000', name: 'Support France' });
      const hash = createHash('sha256').update(bytes).digest('hex');
      expect(await provider.publishedAudio.check(provider.audioUrl('audio/vm.mp3', hash), hash)).toBeUndefined();
      expect(await provider.publishedAudio.check(provider.audioUrl('audio/vm.mp3', 'd'.repeat(64)), 'd'.repeat(64))).toMatch(/serves a different file/);
      await provider.updateNumber(first!.id, { name: 'Support FR', messages: { voicemail: provider.audioUrl('audio/vm.mp3', hash) } });
      const live = await provider.readNumber(first!.id);
      expect(live).toMatchObject({ name: 'Support FR', flow: null, messages: { voicemail: `${host.url}/audio/vm.mp3?sha256=${hash}` } });
      expect(t.sandbox.fetchedAudio.at(-1)).toMatchObject({ status: 200, sha256: hash });
    } finally {
      await t.close();
      await host.close();
      await removeTempDirs();
    }
  });
});
