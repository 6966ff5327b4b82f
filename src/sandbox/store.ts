/**
 * The sandbox's durable store in `--data DIR`:
 *   state.json        a snapshot of the account (numbers, flows, users, teams, apply lock)
 *   state.log         every change since that snapshot, one line per mutation (store-log.ts)
 *   state.lock        lock file held during a mutation (pid + token, see file-lock.ts)
 *   assets/<sha256>   audio content, named by its hash
 * A mutation appends one line (what it changed, nothing else) and fdatasyncs it before it is
 * acknowledged, so a write costs the same whatever the account's size. When the log outgrows
 * the snapshot, the next writer compacts: a new snapshot (temp file, fsync, rename, fsync dir),
 * then a new log starting from it. A server killed at any instant restarts with every
 * acknowledged write: a half-written last line fails its checksum and is cut off (it was never
 * acknowledged), and a snapshot is replaced whole or not at all.
 *
 * Sharing: several servers (processes) may open the same dir. Mutations run under the lock
 * file and first catch up with the log, so they serialise and none is lost; reads catch up
 * with whatever other processes appended (or reload when one of them compacted). We chose this
 * over "the second process talks to the first one's server" because it needs no discovery, and
 * stays safe when the first process exits in the middle of the second one's run.
 */
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';
import { join } from 'node:path';
import { Account, type AccountView } from './account.js';
import { AccountChange } from './account-change.js';
import { appendDurably, removeDeadTemps, truncateDurably, writeDurably } from './durable-file.js';
import { withFileLock } from './file-lock.js';
import { encodeHeader, encodeRecord, isTornTail, scanLog, type LogRecord } from './store-log.js';
import { storeSnapshot, type StoreSnapshot } from './state.js';

export class StoreCorruptError extends Error {}

/** The log is compacted once it is larger than the snapshot and than this. */
export const DEFAULT_COMPACT_BYTES = 4 * 1024 * 1024;

export interface StoreOptions {
  /** The smallest log worth compacting (tests lower it to see compaction happen). */
  compactAtBytes?: number;
}

interface Loaded {
  account: Account;
  /** Identity of the snapshot file the account was loaded from. */
  snapshotKey: string;
  snapshotBytes: number;
  /** 1 for a store written before the log existed (migrated at open), 0 for none. */
  snapshotFormat: number;
  /** Identity of the log file, and the end of the last line applied from it. */
  logKey: string;
  logOffset: number;
  /** The last change the log holds (its base when it holds none). */
  logLast: number;
}

export class SandboxStore {
  private loaded: Loaded | undefined;
  /** Serialises catching up and committing inside this process. */
  private turn: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly dir: string,
    private readonly compactAtBytes: number,
  ) {}

  /** Opens (creating, or migrating a store written before the log existed) the store in `dir`. */
  static async open(dir: string, options: StoreOptions = {}): Promise<SandboxStore> {
    await mkdir(join(dir, 'assets'), { recursive: true });
    await removeDeadTemps(dir);
    await removeDeadTemps(join(dir, 'assets'));
    const store = new SandboxStore(dir, options.compactAtBytes ?? DEFAULT_COMPACT_BYTES);
    await withFileLock(store.lockPath, () => store.exclusive(() => store.prepare()));
    return store;
  }

  private get snapshotPath(): string {
    return join(this.dir, 'state.json');
  }

  private get logPath(): string {
    return join(this.dir, 'state.log');
  }

  private get lockPath(): string {
    return join(this.dir, 'state.lock');
  }

  /** The current account, with every change any process has acknowledged. Read-only. */
  async read(): Promise<AccountView> {
    return this.exclusive(() => this.catchUp(false));
  }

  /**
   * Runs `change` on the latest account and makes what it changed durable, under the lock
   * file. If `change` throws, nothing is written. Returns what `change` returned.
   */
  async mutate<T>(change: (account: AccountChange) => T): Promise<T> {
    return withFileLock(this.lockPath, () =>
      this.exclusive(async () => {
        const account = await this.catchUp(true);
        const draft = new AccountChange(account);
        const result = change(draft);
        const ops = draft.ops();
        if (ops.length > 0) await this.append({ seq: account.seq + 1, ops });
        return result;
      }),
    );
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** Under the lock at open: first snapshot and log for a new store, format 2 for an old one. */
  private async prepare(): Promise<void> {
    const account = await this.catchUp(true);
    const loaded = this.loaded!;
    if (loaded.logKey === ABSENT || loaded.snapshotFormat !== 2 || this.shouldCompact()) await this.compact(account);
  }

  /** Brings the account up to date with the files; under the lock it also cuts a torn tail. */
  private async catchUp(locked: boolean): Promise<Account> {
    const loaded = this.loaded;
    if (!loaded) return this.reload(locked);
    // Every acknowledged change touches the log (an append, or the new log of a compaction),
    // so an unchanged log means nothing to catch up: one stat per read.
    if ((await fileKey(this.logPath)) === loaded.logKey) return loaded.account;
    if ((await fileKey(this.snapshotPath)) !== loaded.snapshotKey) return this.reload(locked);
    const handle = await open(this.logPath, 'r').catch(() => undefined);
    if (!handle) return this.reload(locked);
    let bytes: Buffer;
    let logKey: string;
    try {
      const info = await handle.stat({ bigint: true });
      logKey = keyOf(info);
      if (logKey === loaded.logKey) return loaded.account;
      // Another file under the same name, or shorter than what we applied: start again.
      if (identityOf(logKey) !== identityOf(loaded.logKey) || info.size < loaded.logOffset) return this.reload(locked);
      bytes = Buffer.alloc(Number(info.size) - loaded.logOffset);
      await handle.read(bytes, 0, bytes.length, loaded.logOffset);
    } finally {
      await handle.close();
    }
    const scanned = scanLog(bytes);
    const continues = scanned.lines.every((line, i) => line.kind === 'record' && line.record.seq === loaded.account.seq + 1 + i);
    if (!continues) return this.reload(locked);
    for (const line of scanned.lines) if (line.kind === 'record') loaded.account.apply(line.record.seq, line.record.ops);
    loaded.logOffset += scanned.goodBytes;
    loaded.logLast = loaded.account.seq;
    loaded.logKey = logKey;
    if (locked && scanned.tail.length > 0) await this.cutTail(scanned.tail, loaded.logOffset);
    return loaded.account;
  }

  /** Reads snapshot and log afresh. Retries when another process compacted in between. */
  private async reload(locked: boolean): Promise<Account> {
    for (let attempt = 0; ; attempt += 1) {
      const snapshot = await this.readSnapshot();
      const log = await this.readLog();
      const account = new Account(snapshot.value);
      // A snapshot may be ahead of the log (a crash before the fresh log replaced the old one),
      // never behind its start: then the log continues a snapshot we did not read.
      if (log.base > account.seq) {
        // A compaction replaced both files between our two reads; under the lock nobody can.
        if (locked || attempt >= 20) throw new StoreCorruptError(`${this.logPath} does not continue ${this.snapshotPath} (log from change ${log.base}, snapshot at ${account.seq})`);
        continue;
      }
      for (const record of log.records) if (record.seq > account.seq) account.apply(record.seq, record.ops);
      const logLast = log.records.at(-1)?.seq ?? log.base;
      this.loaded = { account, snapshotKey: snapshot.key, snapshotBytes: snapshot.bytes, snapshotFormat: snapshot.format, logKey: log.key, logOffset: log.goodBytes, logLast };
      if (locked && log.tail.length > 0) await this.cutTail(log.tail, log.goodBytes);
      return account;
    }
  }

  private async readSnapshot(): Promise<{ value: StoreSnapshot | undefined; key: string; bytes: number; format: number }> {
    const read = await readWithKey(this.snapshotPath);
    if (!read) return { value: undefined, key: ABSENT, bytes: 0, format: 0 };
    let parsed: unknown;
    try {
      parsed = JSON.parse(read.bytes.toString('utf8'));
    } catch (error) {
      throw new StoreCorruptError(`${this.snapshotPath} is not valid JSON: ${(error as Error).message}`);
    }
    const checked = storeSnapshot.safeParse(parsed);
    if (!checked.success) throw new StoreCorruptError(`${this.snapshotPath} does not hold a sandbox account: ${checked.error.issues[0]?.message}`);
    return { value: checked.data, key: read.key, bytes: read.bytes.length, format: checked.data.format };
  }

  private async readLog(): Promise<{ base: number; records: LogRecord[]; key: string; goodBytes: number; tail: Buffer }> {
    const read = await readWithKey(this.logPath);
    // A store written before the log existed: its snapshot is everything.
    if (!read) return { base: 0, records: [], key: ABSENT, goodBytes: 0, tail: Buffer.alloc(0) };
    const scanned = scanLog(read.bytes);
    const [header, ...rest] = scanned.lines;
    if (header?.kind !== 'header') throw new StoreCorruptError(`${this.logPath} does not start with its header`);
    const records: LogRecord[] = [];
    for (const line of rest) {
      if (line.kind !== 'record') throw new StoreCorruptError(`${this.logPath}: a log header in the middle of the log`);
      const expected = (records.at(-1)?.seq ?? header.base) + 1;
      if (line.record.seq !== expected) throw new StoreCorruptError(`${this.logPath}: change ${line.record.seq} where ${expected} was expected`);
      records.push(line.record);
    }
    return { base: header.base, records, key: read.key, goodBytes: scanned.goodBytes, tail: scanned.tail };
  }

  /** A half-written last line is a write that was never acknowledged: cut it. Anything more is damage. */
  private async cutTail(tail: Buffer, goodBytes: number): Promise<void> {
    if (!isTornTail(tail)) throw new StoreCorruptError(`${this.logPath} is damaged after byte ${goodBytes} (${tail.length} bytes cannot be read)`);
    await truncateDurably(this.logPath, goodBytes);
    const loaded = this.loaded!;
    loaded.logKey = await fileKey(this.logPath);
  }

  private async append(record: LogRecord): Promise<void> {
    // A log that stops short of the snapshot cannot take the next line without a gap: start a fresh one.
    if (this.loaded!.logLast !== this.loaded!.account.seq) await this.compact(this.loaded!.account);
    const loaded = this.loaded!;
    const line = encodeRecord(record);
    await appendDurably(this.logPath, line);
    loaded.account.apply(record.seq, record.ops);
    loaded.logOffset += Buffer.byteLength(line);
    loaded.logLast = record.seq;
    loaded.logKey = await fileKey(this.logPath);
    if (this.shouldCompact()) await this.compact(loaded.account);
  }

  private shouldCompact(): boolean {
    const loaded = this.loaded!;
    return loaded.logOffset > Math.max(this.compactAtBytes, loaded.snapshotBytes);
  }

  /** Snapshot first, then the log that starts from it: a crash in between replays lines the snapshot has. */
  private async compact(account: Account): Promise<void> {
    const text = JSON.stringify(account.snapshot());
    await writeDurably(this.snapshotPath, text);
    const header = encodeHeader(account.seq);
    await writeDurably(this.logPath, header);
    this.loaded = {
      account,
      snapshotKey: await fileKey(this.snapshotPath),
      snapshotBytes: Buffer.byteLength(text),
      snapshotFormat: 2,
      logKey: await fileKey(this.logPath),
      logOffset: Buffer.byteLength(header),
      logLast: account.seq,
    };
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

const ABSENT = 'absent';

/**
 * A file's identity (inode and birth time: inode numbers are reused) and version (nanosecond
 * change time and size), or ABSENT.
 */
async function fileKey(path: string): Promise<string> {
  const info = await stat(path, { bigint: true }).catch(() => undefined);
  return info ? keyOf(info) : ABSENT;
}

function keyOf(info: BigIntStats): string {
  return `${info.ino}:${info.birthtimeNs}|${info.ctimeNs}:${info.mtimeNs}:${info.size}`;
}

/** The part of a key that survives appends: which file it is, not how long. */
function identityOf(key: string): string {
  return key.split('|')[0]!;
}

async function readWithKey(path: string): Promise<{ bytes: Buffer; key: string } | undefined> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!handle) return undefined;
  try {
    const info = await handle.stat({ bigint: true });
    return { bytes: await handle.readFile(), key: keyOf(info) };
  } finally {
    await handle.close();
  }
}
