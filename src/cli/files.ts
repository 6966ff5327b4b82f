/**
 * Files a command reads or writes for the user (`--plan FILE`, `--out FILE`): only regular
 * files (a FIFO would hang the command, /dev/zero would never end), reads bounded in size,
 * and every failure one line.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
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

export async function writeUserFile(io: Pick<CliIo, 'cwd'>, path: string, text: string): Promise<void> {
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

function kindOf(info: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (info.isDirectory()) return 'it is a directory';
  if (info.isFIFO()) return 'it is a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'it is a device';
  if (info.isSocket()) return 'it is a socket';
  return 'it is something else';
}

/** The operating system's words without its code and syscall noise: "no such file or directory". */
function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory',
    EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory',
    EACCES: 'permission denied',
    ENOSPC: 'no space left on the device',
    ENXIO: 'it is a named pipe (FIFO) nobody reads, not a regular file',
  };
  return (code && known[code]) ?? message;
}
