/** Runs `callflow sandbox` in a child process for the kill test: argv is passed through. */
import { main } from '../../src/cli/main.js';

process.exitCode = await main(['sandbox', ...process.argv.slice(2)]);
