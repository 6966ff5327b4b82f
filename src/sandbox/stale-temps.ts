/**
 * Every durable write goes through `<file>.<pid>.<uuid>.tmp` (store.ts); a writer killed between
 * writing and renaming leaves one behind. When a store opens, those of writers that no longer
 * run are removed; a live writer's (another process sharing the store) is left alone.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

const TEMP_NAME = /\.(\d+)\.[0-9a-f-]{36}\.tmp$/;

/** Removes the dead writers' temp files directly in `dir`; returns how many. */
export async function removeStaleTemps(dir: string): Promise<number> {
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const pid = TEMP_NAME.exec(name)?.[1];
    if (pid === undefined || isRunning(Number(pid))) continue;
    await rm(join(dir, name), { force: true });
    removed += 1;
  }
  return removed;
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
