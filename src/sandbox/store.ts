/**
 * The sandbox's durable store in `--data DIR`:
 *   state.json        the account (numbers, flows, users, teams, apply lock), one JSON document
 *   state.lock        lock file held during a mutation (pid + token, see file-lock.ts)
 *   assets/<sha256>   audio content, named by its hash
 * Every write goes to a temporary file, is fsynced, renamed over the old one, and the directory
 * is fsynced: a server killed at any instant restarts with every acknowledged write (the
 * response is sent only after the rename is durable) and never with a torn file.
 *
 * Sharing: several servers (processes) may open the same dir. Mutations run under the lock
 * file and always start from the file on disk, so they serialise and none is lost; reads
 * re-read the file when it changed (a rename gives it a new inode). We chose this over
 * "the second process talks to the first one's server" because it needs no discovery, and
 * stays safe when the first process exits in the middle of the second one's run.
 */
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { emptyState, storeState, type StoreState } from './state.js';
import { withFileLock } from './file-lock.js';
import { removeStaleTemps } from './stale-temps.js';

export class StoreCorruptError extends Error {}

export class SandboxStore {
  private cached: { key: string; state: StoreState } | undefined;

  private constructor(readonly dir: string) {}

  static async open(dir: string): Promise<SandboxStore> {
    await mkdir(join(dir, 'assets'), { recursive: true });
    await Promise.all([removeStaleTemps(dir), removeStaleTemps(join(dir, 'assets'))]);
    const store = new SandboxStore(dir);
    await store.read();
    return store;
  }

  private get statePath(): string {
    return join(this.dir, 'state.json');
  }

  /** The current state. Callers must not modify it (use `mutate`). */
  async read(): Promise<StoreState> {
    const info = await stat(this.statePath, { bigint: true }).catch(() => undefined);
    if (!info) return emptyState();
    // Inode numbers are reused, so the key also takes the nanosecond change time and size.
    const key = `${info.ino}:${info.ctimeNs}:${info.mtimeNs}:${info.size}`;
    if (this.cached?.key === key) return this.cached.state;
    const text = await readFile(this.statePath, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      throw new StoreCorruptError(`${this.statePath} is not valid JSON: ${(error as Error).message}`);
    }
    const checked = storeState.safeParse(parsed);
    if (!checked.success) throw new StoreCorruptError(`${this.statePath} does not hold a sandbox account: ${checked.error.issues[0]?.message}`);
    this.cached = { key, state: checked.data };
    return checked.data;
  }

  /**
   * Runs `change` on a copy of the latest state and writes it durably, under the lock file.
   * If `change` throws, nothing is written. Returns what `change` returned.
   */
  async mutate<T>(change: (state: StoreState) => T): Promise<T> {
    return withFileLock(join(this.dir, 'state.lock'), async () => {
      const state = structuredClone(await this.read());
      const result = change(state);
      await this.writeState(state);
      return result;
    });
  }

  private async writeState(state: StoreState): Promise<void> {
    await writeDurably(this.statePath, JSON.stringify(state));
    this.cached = undefined;
  }

  assetPath(sha256: string): string {
    return join(this.dir, 'assets', sha256);
  }

  async hasAsset(sha256: string): Promise<number | undefined> {
    const info = await stat(this.assetPath(sha256)).catch(() => undefined);
    return info?.size;
  }

  /** Content-addressed, so writing the same bytes twice is harmless (and skipped). */
  async putAsset(sha256: string, content: Uint8Array): Promise<boolean> {
    if ((await this.hasAsset(sha256)) !== undefined) return false;
    await writeDurably(this.assetPath(sha256), content);
    return true;
  }

  readAsset(sha256: string): Promise<Buffer> {
    return readFile(this.assetPath(sha256));
  }
}

/** write temp → fsync → rename → fsync dir: the file is either the old or the new content. */
export async function writeDurably(path: string, content: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  const dir = await open(join(path, '..'), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
