/**
 * The two durable writes the store makes, and the clean-up of what a killed writer leaves:
 *   replace: temp file → fsync → rename over the old one → fsync the directory, so a reader
 *            sees the old content or the new, never a mix;
 *   append:  one write of a whole line to a file that already exists, then fdatasync.
 * Temp files carry their writer's pid, so a process only removes those of dead writers.
 */
import { open, readdir, rename, rm } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';

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
  await syncDirectory(dirname(path));
}

/** Appends `content` in one write and returns once it is on disk. The file must exist. */
export async function appendDurably(path: string, content: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.from(content);
    const { bytesWritten } = await handle.write(bytes, 0, bytes.length, size);
    if (bytesWritten !== bytes.length) throw new Error(`short write to ${path}`);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Cuts a torn tail off and returns once the new length is on disk. */
export async function truncateDurably(path: string, length: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(length);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes `*.tmp` files in `dir` left by writers that no longer run; returns how many. */
export async function removeDeadTemps(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const pid = /\.(\d+)\.[0-9a-f-]{36}\.tmp$/.exec(name)?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    await rm(join(dir, name), { force: true });
    removed += 1;
  }
  return removed;
}

export function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
