import { basename, extname } from 'node:path';

/**
 * A config file's name without its directory and extension: what `schedule:` and `{ ref: }`
 * call a shared file, and how `simulate` and `test` name a number file.
 */
export function fileStem(file: string): string {
  return basename(file, extname(file));
}
