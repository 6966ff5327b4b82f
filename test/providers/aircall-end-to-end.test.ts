/**
 * Issue 16, "Done when": the example repo against `sandbox --flavor aircall` (a real HTTP server
 * on 127.0.0.1 that downloads every message URL it is given) and a static host serving the
 * published audio (a real HTTP server too). plan shows the slot changes, apply sets them, the
 * next plan is clean, a slot changed behind callflow's back shows, and no credential leaks.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createLogger } from '../../src/logging.js';
import { seedFromConfig, seedStore } from '../../src/sandbox/seed.js';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/server.js';
import { copyExampleRepo, editFile } from '../apply/harness.js';
import { startStaticHost, type StaticHost } from './static-host.js';

const CREDENTIALS = { id: 'acme-api-id-7f3a', token: 'tok-9c1e5b77-do-not-print' };
const BASIC = Buffer.from(`${CREDENTIALS.id}:${CREDENTIALS.token}`).toString('base64');

interface World {
  root: string;
  site: string;
  host: StaticHost;
  sandbox: RunningSandbox;
  /** Every API request the sandbox answered, from its own debug log. */
  requests: Array<{ method: string; path: string }>;
  outputs: string[];
  run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
}

let world: World;

beforeEach(async () => {
  const root = await copyExampleRepo();
  const site = await mkdtemp(join(tmpdir(), 'callflow-site-'));
  await cp(join(root, 'audio'), join(site, 'audio'), { recursive: true }); // "published"
  const host = await startStaticHost(site);
  await editFile(join(root, 'config', 'callflow.yaml'), (text) => text.replace(/publicBaseUrl: \S+/, `publicBaseUrl: ${host.url}/`));
  const requests: World['requests'] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        const entry = JSON.parse(line) as { msg?: string; method?: string; path?: string };
        if (entry.msg === 'request' && entry.method && entry.path) requests.push({ method: entry.method, path: entry.path });
      }
      done();
    },
  });
  const sandbox = await startSandbox({
    dataDir: await mkdtemp(join(tmpdir(), 'callflow-aircall-')),
    credentials: CREDENTIALS,
    logger: createLogger({ level: 'debug', destination }),
    rateLimit: 60,
    flavor: 'aircall',
  });
  await seedStore(sandbox.store, await seedFromConfig(root));
  const outputs: string[] = [];
  world = {
    root,
    site,
    host,
    sandbox,
    requests,
    outputs,
    async run(...argv) {
      let stdout = '';
      let stderr = '';
      const code = await main(argv, {
        stdout: (t) => (stdout += `${t}\n`),
        stderr: (t) => (stderr += `${t}\n`),
        cwd: root,
        env: { CALLFLOW_PROVIDER: 'aircall', CALLFLOW_PROVIDER_URL: sandbox.url, AIRCALL_API_ID: CREDENTIALS.id, AIRCALL_API_TOKEN: CREDENTIALS.token, CALLFLOW_LOG_LEVEL: 'silent' },
        isTTY: false,
      });
      outputs.push(stdout, stderr);
      return { code, stdout, stderr };
    },
  };
});

afterEach(async () => {
  await world.sandbox.close();
  await world.host.close();
  await Promise.all([world.root, world.site].map((dir) => rm(dir, { recursive: true, force: true })));
});

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function liveMessages(number: string): Promise<Record<string, string | null>> {
  const state = await world.sandbox.store.read();
  return state.numbers.find((n) => n.digits === number)!.messages;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('Aircall music & messages, end to end', () => {
  it('plans slot changes, applies them by URL, re-plans clean, and shows a slot changed in the dashboard', async () => {
    world.requests.length = 0;
    const first = await world.run('plan', '--detailed-exitcode');
    expect(first.code).toBe(2);
    const numbers = (await world.sandbox.store.read()).numbers.length;
    expect(world.requests.length).toBeLessThanOrEqual(Math.ceil(numbers / 50) + 2);
    expect(world.requests.every((r) => r.method === 'GET')).toBe(true);
    expect(first.stdout).toMatch(/\+ slot welcome \(welcome\): file audio\/fr\/welcome\.mp3 #[0-9a-f]{8}/);
    expect(first.stdout).toMatch(/\+ slot after_hours \(closed-voicemail\): file audio\/fr\/closed\.mp3 #[0-9a-f]{8}/);
    expect(first.stdout).toMatch(/\+ slot welcome \(welcome\): file audio\/en\/welcome\.mp3/);
    expect(first.stdout).toContain('ivr (menu.prompt) is text-to-speech: Aircall\'s API takes files only, so this slot stays managed in the Aircall dashboard');
    // Two ring steps with different waiting music: a warning on the line that causes it.
    expect(first.stdout).toMatch(/config\/numbers\/support-fr\.yaml:36:\d+ {2}warning {2}Aircall has one "waiting" slot per number, mapped from sales\.waiting\.music \(library music "jazz"\): support\.waiting\.music \(audio\/music\/hold\.mp3\) differs and cannot be represented/);

    const apply = await world.run('apply', '--doit');
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    const expected = ['audio/fr/welcome.mp3', 'audio/fr/closed.mp3', 'audio/en/welcome.mp3'];
    const fetched = world.sandbox.fetchedAudio.map((f) => ({ path: new URL(f.url).pathname.slice(1), status: f.status, sha256: f.sha256 }));
    for (const path of expected) {
      const repoHash = sha256(await readFile(join(world.root, path)));
      expect(fetched).toContainEqual({ path, status: 200, sha256: repoHash });
    }
    const fr = await liveMessages('+33176360000');
    expect(fr['welcome']).toBe(`${world.host.url}/audio/fr/welcome.mp3?sha256=${sha256(await readFile(join(world.root, 'audio/fr/welcome.mp3')))}`);
    // One write per changed number.
    const puts = world.requests.filter((r) => r.method === 'PUT');
    expect(puts.map((r) => r.path).sort()).toEqual([...new Set(puts.map((r) => r.path))].sort());

    const again = await world.run('plan', '--detailed-exitcode');
    expect(again.code, again.stdout).toBe(0);

    // Someone records another welcome message in the dashboard.
    await mkdir(join(world.site, 'dashboard'));
    await cp(join(world.root, 'audio/fr/closed.mp3'), join(world.site, 'dashboard', 'recording.mp3'));
    const id = (await world.sandbox.store.read()).numbers.find((n) => n.digits === '+33176360000')!.id;
    const response = await fetch(`${world.sandbox.url}/numbers/${id}`, {
      method: 'PUT',
      headers: { authorization: `Basic ${BASIC}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: { welcome: `${world.host.url}/dashboard/recording.mp3` } }),
    });
    expect(response.status).toBe(200);
    const drifted = await world.run('plan', '--detailed-exitcode');
    expect(drifted.code).toBe(2);
    expect(drifted.stdout).toContain(`~ slot welcome (welcome): other URL ${world.host.url}/dashboard/recording.mp3 → file audio/fr/welcome.mp3`);
    const drift = await world.run('drift');
    expect(drift.code).toBe(2);
    expect(drift.stdout).toContain('slot welcome');

    for (const text of world.outputs) {
      expect(text).not.toContain(CREDENTIALS.token);
      expect(text).not.toContain(BASIC);
    }
    for (const file of await filesUnder(world.root)) {
      const content = await readFile(file, 'latin1');
      expect(content.includes(CREDENTIALS.token) || content.includes(BASIC), file).toBe(false);
    }
  });

  it('apply --plan FILE refuses a number whose slot was changed in the dashboard after the plan', async () => {
    const planFile = join(world.root, 'reviewed.plan.json');
    expect((await world.run('plan', '--out', planFile)).code).toBe(0);
    // Between review and merge, someone records another welcome message in the dashboard.
    await mkdir(join(world.site, 'dashboard'));
    await cp(join(world.root, 'audio/fr/closed.mp3'), join(world.site, 'dashboard', 'recording.mp3'));
    const dashboardUrl = `${world.host.url}/dashboard/recording.mp3`;
    const id = (await world.sandbox.store.read()).numbers.find((n) => n.digits === '+33176360000')!.id;
    const response = await fetch(`${world.sandbox.url}/numbers/${id}`, {
      method: 'PUT',
      headers: { authorization: `Basic ${BASIC}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: { welcome: dashboardUrl } }),
    });
    expect(response.status).toBe(200);

    const applied = await world.run('apply', '--plan', planFile, '--doit');
    expect(applied.code).toBe(1);
    expect(applied.stdout + applied.stderr).toMatch(/\+33176360000.*settings or music & messages changed since the plan/);
    // The dashboard's recording is still what callers hear.
    expect((await liveMessages('+33176360000'))['welcome']).toBe(dashboardUrl);
  });

  it('refuses a number whose audio host serves another file, and writes the others', async () => {
    await cp(join(world.root, 'audio/fr/closed.mp3'), join(world.site, 'audio/fr/welcome.mp3')); // last week's file
    const apply = await world.run('apply', '--doit');
    expect(apply.code).toBe(1);
    expect(apply.stdout + apply.stderr).toMatch(/audio\/fr\/welcome\.mp3: the audio host serves a different file at .* — publish the audio first/);
    expect(await liveMessages('+33176360000')).toMatchObject({ welcome: null, after_hours: null });
    expect((await liveMessages('+12125550142'))['welcome']).toMatch(/\/audio\/en\/welcome\.mp3\?sha256=/);
    expect(world.sandbox.fetchedAudio.some((f) => f.url.includes('/audio/fr/welcome.mp3'))).toBe(false);
  });

  it('names a team the account does not have as an error on its line', async () => {
    await editFile(join(world.root, 'config/numbers/support-fr.yaml'), (text) => text.replace('team: Ventes', 'team: Ventez'));
    const plan = await world.run('plan');
    expect(plan.code).toBe(1);
    expect(plan.stdout + plan.stderr).toMatch(/config\/numbers\/support-fr\.yaml:28:\d+ {2}error {2}ring step "sales" rings team "Ventez", which the account does not have/);
  });

  it('export names the provider it read the account with (aircall), though the repo says sandbox; every number is skipped', async () => {
    const out = await mkdtemp(join(tmpdir(), 'callflow-aircall-export-'));
    const exported = await world.run('export', '--out', out);
    expect(exported.code).toBe(0);
    expect(await readFile(join(out, 'config/callflow.yaml'), 'utf8')).toMatch(/^provider:\n {2}type: aircall$/m);
    await rm(out, { recursive: true, force: true });
  });
});

describe('sandbox --flavor aircall serves only what the public API serves', () => {
  const get = (path: string) => fetch(`${world.sandbox.url}${path}`, { headers: { authorization: `Basic ${BASIC}` } });

  it('formats digits, refuses per_page above 50, and has no Smartflow, asset or lock endpoints', async () => {
    const page = (await (await get('/numbers?per_page=50')).json()) as { numbers: Array<{ digits: string; language?: string }> };
    expect(page.numbers.map((n) => n.digits)).toEqual(expect.arrayContaining(['+33 1 76 36 00 00', '+1 212-555-0142']));
    expect(page.numbers.every((n) => n.language === undefined)).toBe(true);
    expect((await get('/numbers?per_page=51')).status).toBe(400);
    const id = (await world.sandbox.store.read()).numbers[0]!.id;
    expect((await get(`/callflow/numbers/${id}/flow`)).status).toBe(404);
    expect((await get(`/callflow/assets/${'a'.repeat(64)}`)).status).toBe(404);
    expect((await get('/callflow/locks/apply')).status).toBe(404);
  });

  it('downloads message URLs and refuses what is not a usable mp3', async () => {
    await writeFile(join(world.site, 'notes.mp3'), 'this is text, renamed');
    const id = (await world.sandbox.store.read()).numbers[0]!.id;
    const put = (url: string) =>
      fetch(`${world.sandbox.url}/numbers/${id}`, { method: 'PUT', headers: { authorization: `Basic ${BASIC}`, 'content-type': 'application/json' }, body: JSON.stringify({ messages: { welcome: url } }) });
    const renamed = await put(`${world.host.url}/notes.mp3`);
    expect(renamed.status).toBe(422);
    expect(await renamed.text()).toContain('is not an MP3 file');
    expect((await put(`${world.host.url}/missing.mp3`)).status).toBe(422);
    expect((await put('a'.repeat(64))).status).toBe(400);
    expect((await put(`${world.host.url}/audio/fr/closed.mp3`)).status).toBe(200);
  });
});
