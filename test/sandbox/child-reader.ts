/**
 * A concurrent reader for the write-protocol test: reads FILE as fast as it can until a line
 * "stop" arrives on stdin, and counts every read that is not one whole version of the file
 * (SIZE bytes, all one letter). Prints "ready" when it starts, then its counts as JSON.
 */
import { readFileSync } from 'node:fs';

const [path, sizeText] = process.argv.slice(2) as [string, string];
const size = Number(sizeText);
const whole = [Buffer.alloc(size, 'A'), Buffer.alloc(size, 'B')];
let stop = false;
process.stdin.on('data', (chunk: Buffer) => (stop ||= chunk.toString().includes('stop')));
process.stdout.write('ready\n');
let reads = 0;
let partial = 0;
// Bounded: an orphaned reader stops by itself.
const deadline = Date.now() + 60_000;
while (!stop && Date.now() < deadline) {
  const bytes = readFileSync(path);
  reads += 1;
  if (!whole.some((version) => version.equals(bytes))) partial += 1;
  // Let the stdin listener run now and then.
  if (reads % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
}
process.stdout.write(`${JSON.stringify({ reads, partial })}\n`);
