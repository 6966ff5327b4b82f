/**
 * Files a command reads or writes for the user (`--plan FILE`, `--out FILE`): only regular
 * files (a FIFO would hang the command, /dev/zero would never end), reads bounded in size,
 * and every failure one line.
 */
import { constants, type Stats } from 'node:fs';
import { access, open, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { formatBytes } from '../report/format-bytes.js';
import { CommandError } from './args.js';
import type { CliIo } from './io.js';

/** A saved plan of 10,000 numbers is a few tens of MB; anything bigger is not one. */
export const MAX_USER_FILE_BYTES = 128 * 1024 * 1024;

export async function readUserFile(io: Pick<CliIo, 'cwd'>, path: string, maxBytes = MAX_USER_FILE_BYTES): Promise<string> {
  // Non-blocking: opening a FIFO must not wait for a writer; the check below then refuses it.
  const handle = await open(resolve(io.cwd, path), constants.O_RDONLY | constants.O_NONBLOCK).catch((error: unknown) => {
    throw new CommandError(`cannot read ${path}: ${reason(error)}`);
  });
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new CommandError(`cannot read ${path}: ${kindOf(info)}, not a regular file`);
    if (info.size > maxBytes) throw new CommandError(`cannot read ${path}: it is larger than ${formatBytes(maxBytes)} (${formatBytes(info.size)})`);
    // Read at most one byte past the bound, whatever the size said (a file may grow meanwhile).
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length === buffer.length) break;
    }
    if (length > maxBytes) throw new CommandError(`cannot read ${path}: it is larger than ${formatBytes(maxBytes)}`);
    return buffer.subarray(0, length).toString('utf8');
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError(`cannot read ${path}: ${reason(error)}`);
  } finally {
    await handle.close();
  }
}

export async function writeUserFile(io: Pick<CliIo, 'cwd'>, path: string, text: string | Uint8Array): Promise<void> {
  const target = resolve(io.cwd, path);
  // A FIFO or a device would block or swallow the plan: write only to a new or a regular file.
  const existing = await stat(target).catch(() => undefined);
  if (existing && !existing.isFile()) throw new CommandError(`cannot write ${path}: ${kindOf(existing)}, not a regular file`);
  try {
    const handle = await open(target, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NONBLOCK, 0o666);
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new CommandError(`cannot write ${path}: ${kindOf(info)}, not a regular file`);
      await handle.writeFile(text);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof CommandError) throw error;
    throw new CommandError(`cannot write ${path}: ${reason(error)}`);
  }
}

/**
 * Before the work whose result goes to `path` (a simulation, a rendering): refuse now, in one
 * line, a path that could not be written, instead of failing after the work.
 */
export async function checkWritableFile(io: Pick<CliIo, 'cwd'>, path: string): Promise<void> {
  const target = resolve(io.cwd, path);
  const fail = (why: string) => new CommandError(`cannot write ${path}: ${why}`);
  const existing = await statOrError(target);
  if (!(existing instanceof Error)) {
    if (!existing.isFile()) throw fail(`${kindOf(existing)}, not a regular file`);
    if (!(await allowed(target, constants.W_OK))) throw fail('permission denied');
    return;
  }
  if (existing.code !== 'ENOENT' && existing.code !== 'ENOTDIR') throw fail(reason(existing));
  const parent = dirname(path);
  const folder = await statOrError(dirname(target));
  if (folder instanceof Error && folder.code === 'ENOENT') throw fail(`the directory ${parent} does not exist`);
  if (folder instanceof Error && folder.code !== 'ENOTDIR') throw fail(reason(folder));
  if (folder instanceof Error || !folder.isDirectory()) throw fail(`${parent} is not a directory`);
  if (!(await allowed(dirname(target), constants.W_OK | constants.X_OK))) throw fail(`permission denied in ${parent}`);
}

/**
 * Before writing files under `path` (`export --out DIR`): it must be a directory, or not exist
 * yet under one that does (it is created then), so that nothing is read or fetched in vain.
 */
export async function checkOutputDirectory(io: Pick<CliIo, 'cwd'>, path: string): Promise<void> {
  const target = resolve(io.cwd, path);
  const fail = (why: string) => new CommandError(`cannot write into ${path}: ${why}`);
  let at = target;
  let info = await statOrError(at);
  while (info instanceof Error && (info.code === 'ENOENT' || info.code === 'ENOTDIR') && dirname(at) !== at) {
    at = dirname(at);
    info = await statOrError(at);
  }
  if (info instanceof Error) throw fail(reason(info));
  const what = at === target ? 'it' : at;
  if (!info.isDirectory()) throw fail(`${what} is ${info.isFile() ? 'a file' : kindName(info)}, not a directory`);
  if (!(await allowed(at, constants.W_OK | constants.X_OK))) throw fail(at === target ? 'permission denied' : `permission denied in ${at}`);
}

function statOrError(path: string): Promise<Stats | NodeJS.ErrnoException> {
  return stat(path).catch((error: NodeJS.ErrnoException) => error);
}

function allowed(path: string, mode: number): Promise<boolean> {
  return access(path, mode).then(
    () => true,
    () => false,
  );
}

type Kind = { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean };

function kindOf(info: Kind): string {
  return `it is ${kindName(info)}`;
}

function kindName(info: Kind): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'something else';
}

/** The operating system's words without its code and syscall noise: "no such file or directory". */
export function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    EACCES: 'permission denied',
    ENOSPC: 'no space left on the device',
    ENXIO: 'it is a named pipe (FIFO) nobody reads, not a regular file',
    EEXIST: 'a file of that name is already there',
    EPERM: 'operation not permitted',
    EROFS: 'the file system is read-only',
  };
  return (code && known[code]) ?? message;
}
