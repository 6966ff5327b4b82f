/**
 * Issue #17, item 1: a saved plan is applied only as reviewed. The checksum covered the
 * inputs alone, so editing `numbers[i].desired…tts`, adding a settings change, flipping an
 * unchanged number to update, pointing a step at a missing one or adding an upload of
 * `/etc/passwd` was published. Now the whole plan is checksummed, and the plan file must be
 * the plan the repo and the account give at apply time — which is what gets applied.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planChecksum } from '../../src/plan/plan-file.js';
import type { RunningSandbox } from '../../src/sandbox/server.js';
import { callflow, clientFor, copyExampleRepo, editFile, startSeededSandbox } from '../apply/harness.js';

const UK = '+442071838750';
const FR = '+33176360000';

let server: RunningSandbox;
let root: string;
let planFile: string;

beforeEach(async () => {
  root = await copyExampleRepo();
  server = await startSeededSandbox(root);
  expect((await callflow(root, server, 'apply', '--doit')).code).toBe(0);
  // One reviewed change: the UK greeting.
  await editFile(join(root, 'config/numbers/after-hours-uk.yaml'), (t) => t.replace("out-of-hours line.", 'out-of-hours line. Thank you.'));
  planFile = join(root, 'plan.json');
  expect((await callflow(root, server, 'plan', '--out', planFile)).code).toBe(0);
});
afterEach(() => server.close());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function editPlan(edit: (plan: Json) => void, { reseal = false } = {}): Promise<void> {
  const plan = JSON.parse(await readFile(planFile, 'utf8')) as Json;
  edit(plan);
  // Anyone can recompute a checksum: the algorithm is public. It must not be enough.
  if (reseal) plan['checksum'] = planChecksum(plan as never);
  await writeFile(planFile, JSON.stringify(plan, null, 2));
}

const numberIn = (plan: Json, number: string) => (plan['numbers'] as Json[]).find((n) => n['number'] === number)!;

async function live(): Promise<Map<string, { version: number | null; document: unknown; name: string }>> {
  const provider = await clientFor(root, server);
  try {
    const out = new Map<string, { version: number | null; document: unknown; name: string }>();
    for (const summary of await provider.listNumbers()) {
      const number = await provider.readNumber(summary.id);
      out.set(summary.number, { version: number.flow?.published?.version ?? null, document: number.flow?.published?.document, name: number.name });
    }
    return out;
  } finally {
    await provider.close();
  }
}

async function expectRefused(mentions: RegExp): Promise<void> {
  const before = await live();
  const assets = (await readdir(join(server.store.dir, 'assets'))).length;
  const run = await callflow(root, server, 'apply', '--doit', '--plan', planFile);
  expect(run.code, run.stdout).toBe(1);
  expect(run.stderr).toMatch(mentions);
  expect(await live()).toEqual(before);
  expect((await readdir(join(server.store.dir, 'assets'))).length).toBe(assets);
}

const EDITED = /edited|differs from the plan made now|does not match/;

describe('apply --plan applies the reviewed plan and nothing else', () => {
  it('applies an untouched saved plan', async () => {
    const run = await callflow(root, server, 'apply', '--doit', '--plan', planFile);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((await live()).get(UK)!.version).toBe(2);
  });

  for (const reseal of [false, true]) {
    const how = reseal ? ' (checksum recomputed)' : '';
    it(`refuses an edited TTS text${how}`, async () => {
      await editPlan((plan) => void (numberIn(plan, UK)['desired']['flow']['steps']['greeting']['message']['tts'] = 'Nobody reviewed this.'), { reseal });
      await expectRefused(EDITED);
    });

    it(`refuses an added settings change${how}`, async () => {
      await editPlan((plan) => {
        const uk = numberIn(plan, UK);
        uk['changes'].push({ kind: 'setting', field: 'name', before: 'After-hours UK', after: 'Pwned' });
        uk['desired']['settings']['name'] = 'Pwned';
      }, { reseal });
      await expectRefused(EDITED);
    });

    it(`refuses an unchanged number flipped to update${how}`, async () => {
      await editPlan((plan) => {
        const fr = numberIn(plan, FR);
        fr['action'] = 'update';
        fr['changes'].push({ kind: 'setting', field: 'timezone', before: 'Europe/Paris', after: 'Asia/Tokyo' });
      }, { reseal });
      await expectRefused(EDITED);
    });

    it(`refuses a flow pointing at a missing step${how}`, async () => {
      await editPlan((plan) => void (numberIn(plan, UK)['desired']['flow']['steps']['greeting']['next'] = 'nowhere'), { reseal });
      await expectRefused(EDITED);
    });

    it(`refuses an upload from outside the repo${how}`, async () => {
      await editPlan((plan) => {
        plan['uploads'].push({ path: '../../../../etc/passwd', numbers: [UK] });
        numberIn(plan, UK)['changes'].push({ kind: 'audio-upload', path: '../../../../etc/passwd' });
      }, { reseal });
      await expectRefused(EDITED);
    });

    it(`refuses a key added anywhere${how}`, async () => {
      await editPlan((plan) => void (numberIn(plan, UK)['desired']['flow']['steps']['greeting']['evil'] = true), { reseal });
      await expectRefused(/edited|differs from the plan made now|not a callflow plan/);
    });
  }

  it('refuses a saved plan when the repo changed after it was made', async () => {
    await editFile(join(root, 'config/numbers/after-hours-uk.yaml'), (t) => t.replace('Thank you.', 'Thanks a lot.'));
    await expectRefused(/differs from the plan made now.*\+442071838750/);
  });
});
