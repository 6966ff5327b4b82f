// `callflow` from source in a child process (run with `node --import tsx`): for tests that must
// see everything the process writes, logs included, on its real stdout and stderr.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
