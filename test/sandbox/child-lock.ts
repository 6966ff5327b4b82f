/**
 * Holds the store's lock file from another process: takes it, prints "held", keeps it until a
 * line "release" arrives on stdin, then lets go and prints "released".
 */
import { createInterface } from 'node:readline';
import { withFileLock } from '../../src/sandbox/file-lock.js';

const lockPath = process.argv[2]!;
await withFileLock(lockPath, async () => {
  process.stdout.write('held\n');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) if (line.trim() === 'release') break;
  lines.close();
});
process.stdout.write('released\n');
