/** Runs `callflow serve` in a child process, as the bin does: argv is passed through. */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(['serve', ...process.argv.slice(2)]);
