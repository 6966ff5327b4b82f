/**
 * One mutation of the account, as routes write it: they edit private copies of what they
 * touch, and the store turns the copies into log operations (only what changed) once the
 * change function returns. Nothing reaches the account until the log line is durable.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Account, AccountView } from './account.js';
import type { StoreOp } from './store-log.js';
import type { ApplyLock, StoredNumber, StoredTeam, StoredUser } from './state.js';

export class AccountChange {
  seeded_at: string | null;
  lock: ApplyLock | null;
  private next_id: number;
  private readonly edited = new Map<string, StoredNumber>();
  private readonly added = new Map<string, StoredNumber>();
  private readonly newUsers: StoredUser[] = [];
  private readonly newTeams: StoredTeam[] = [];

  constructor(private readonly account: Account) {
    this.seeded_at = account.seeded_at;
    this.lock = account.lock;
    this.next_id = account.next_id;
  }

  /** The account as it was before this change (edits here are not visible through it). */
  get before(): AccountView {
    return this.account;
  }

  /** A copy of number `id` to edit in place; its flow versions may only be appended to. */
  number(id: string): StoredNumber | undefined {
    const copy = this.edited.get(id) ?? this.added.get(id);
    if (copy) return copy;
    const current = this.account.number(id);
    if (!current) return undefined;
    // Versions are immutable once written: the copy shares them and may only append.
    const edit = { ...current, messages: { ...current.messages }, flow: { ...current.flow, versions: [...current.flow.versions] } };
    this.edited.set(id, edit);
    return edit;
  }

  takeId(): number {
    const id = this.next_id;
    this.next_id += 1;
    return id;
  }

  addNumber(fields: Omit<StoredNumber, 'id'>): StoredNumber {
    const number = { id: this.takeId(), ...fields };
    this.added.set(String(number.id), number);
    return number;
  }

  addUser(fields: Omit<StoredUser, 'id'>): StoredUser {
    const user = { id: this.takeId(), ...fields };
    this.newUsers.push(user);
    return user;
  }

  addTeam(fields: Omit<StoredTeam, 'id'>): StoredTeam {
    const team = { id: this.takeId(), ...fields };
    this.newTeams.push(team);
    return team;
  }

  /** The log operations this change amounts to; empty when nothing changed. */
  ops(): StoreOp[] {
    const ops: StoreOp[] = [];
    const meta = { next_id: this.next_id, seeded_at: this.seeded_at, lock: this.lock };
    if (!isDeepStrictEqual(meta, this.account.meta())) ops.push({ op: 'meta', meta });
    for (const number of this.added.values()) ops.push(...numberOps(number, undefined));
    for (const [id, number] of this.edited) ops.push(...numberOps(number, this.account.number(id)!));
    for (const user of this.newUsers) ops.push({ op: 'user', user });
    for (const team of this.newTeams) ops.push({ op: 'team', team });
    return ops;
  }
}

function numberOps(after: StoredNumber, before: StoredNumber | undefined): StoreOp[] {
  const ops: StoreOp[] = [];
  const { flow, ...fields } = after;
  const head = { ...fields, flow: { published: flow.published } };
  if (!before || !isDeepStrictEqual(head, { ...before, flow: { published: before.flow.published } })) ops.push({ op: 'number', number: head });
  const kept = before?.flow.versions ?? [];
  if (kept.some((version, i) => version !== flow.versions[i])) throw new Error(`number ${after.id}: flow versions can only be appended`);
  for (const version of flow.versions.slice(kept.length)) ops.push({ op: 'version', number_id: after.id, version });
  return ops;
}
