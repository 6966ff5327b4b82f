/** Files a command reads or writes for the user (`--plan FILE`, `--out FILE`): failures are one line. */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CommandError } from './args.js';
import type { CliIo } from './io.js';

export async function readUserFile(io: CliIo, path: string): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), 'utf8');
  } catch (error) {
    throw new CommandError(`cannot read ${path}: ${reason(error)}`);
  }
}

export async function writeUserFile(io: CliIo, path: string, text: string): Promise<void> {
  try {
    await writeFile(resolve(io.cwd, path), text);
  } catch (error) {
    throw new CommandError(`cannot write ${path}: ${reason(error)}`);
  }
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
  };
  return (code && known[code]) ?? message;
}
