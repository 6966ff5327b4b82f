/**
 * The account in memory: what the snapshot holds plus every logged change applied, with an
 * index by id so finding a number costs the same at 10 numbers or 10,000. Changes replace
 * entities instead of editing them, so an object a request already holds never changes under it.
 */
import type { StoreOp } from './store-log.js';
import { FIRST_ID, type AccountMeta, type ApplyLock, type StoredNumber, type StoredTeam, type StoredUser, type StoreSnapshot } from './state.js';

/** What routes read. Treat every object as read-only: changes go through `SandboxStore.mutate`. */
export interface AccountView {
  readonly seeded_at: string | null;
  readonly lock: ApplyLock | null;
  readonly next_id: number;
  readonly numbers: readonly StoredNumber[];
  readonly users: readonly StoredUser[];
  readonly teams: readonly StoredTeam[];
  /** By the id in a URL (`/numbers/1001`), compared as text like the API does. */
  number(id: string): StoredNumber | undefined;
}

export class Account implements AccountView {
  seq: number;
  next_id: number;
  seeded_at: string | null;
  lock: ApplyLock | null;
  readonly numbers: StoredNumber[] = [];
  readonly users: StoredUser[] = [];
  readonly teams: StoredTeam[] = [];
  private readonly numberAt = new Map<string, number>();
  private readonly userAt = new Map<number, number>();
  private readonly teamAt = new Map<number, number>();

  constructor(snapshot?: StoreSnapshot) {
    this.seq = snapshot?.seq ?? 0;
    this.next_id = snapshot?.next_id ?? FIRST_ID;
    this.seeded_at = snapshot?.seeded_at ?? null;
    this.lock = snapshot?.lock ?? null;
    for (const number of snapshot?.numbers ?? []) this.putNumber(number);
    for (const user of snapshot?.users ?? []) upsert(this.users, this.userAt, user.id, user);
    for (const team of snapshot?.teams ?? []) upsert(this.teams, this.teamAt, team.id, team);
  }

  number(id: string): StoredNumber | undefined {
    const at = this.numberAt.get(id);
    return at === undefined ? undefined : this.numbers[at];
  }

  meta(): AccountMeta {
    return { next_id: this.next_id, seeded_at: this.seeded_at, lock: this.lock };
  }

  /** Applies one logged mutation; `seq` must be the next one. */
  apply(seq: number, ops: readonly StoreOp[]): void {
    if (seq !== this.seq + 1) throw new Error(`store log out of order: change ${seq} after ${this.seq}`);
    for (const op of ops) this.applyOp(op);
    this.seq = seq;
  }

  snapshot(): StoreSnapshot {
    return { format: 2, seq: this.seq, ...this.meta(), numbers: this.numbers, users: this.users, teams: this.teams };
  }

  private applyOp(op: StoreOp): void {
    switch (op.op) {
      case 'meta':
        this.next_id = op.meta.next_id;
        this.seeded_at = op.meta.seeded_at;
        this.lock = op.meta.lock;
        return;
      case 'number': {
        const versions = this.number(String(op.number.id))?.flow.versions ?? [];
        this.putNumber({ ...op.number, flow: { versions, published: op.number.flow.published } });
        return;
      }
      case 'version': {
        const number = this.number(String(op.number_id));
        if (!number) throw new Error(`store log: version ${op.version.version} of unknown number ${op.number_id}`);
        // Replaying a line already applied replaces the version with itself.
        const versions = [...number.flow.versions.filter((v) => v.version !== op.version.version), op.version].sort((a, b) => a.version - b.version);
        this.putNumber({ ...number, flow: { ...number.flow, versions } });
        return;
      }
      case 'user':
        upsert(this.users, this.userAt, op.user.id, op.user);
        return;
      case 'team':
        upsert(this.teams, this.teamAt, op.team.id, op.team);
        return;
    }
  }

  private putNumber(number: StoredNumber): void {
    upsert(this.numbers, this.numberAt, String(number.id), number);
  }
}

function upsert<K, T>(list: T[], index: Map<K, number>, key: K, value: T): void {
  const at = index.get(key);
  if (at === undefined) {
    index.set(key, list.length);
    list.push(value);
  } else list[at] = value;
}
