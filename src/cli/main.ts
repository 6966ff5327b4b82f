import { COMMANDS } from './commands.js';
import { EXIT, processIo, type CliIo } from './io.js';
import { CommandError, UsageError } from './args.js';
import { reason } from './files.js';
import { didYouMean } from '../config/did-you-mean.js';
import { ProviderError } from '../providers/errors.js';

const VERSION = '0.1.0';

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  const lines = Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return [
    'callflow — call flows, music and messages of phone numbers as code',
    '',
    'Usage: callflow <command> [--root DIR] [--config DIR] [--format F] [--log-level L]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `callflow <command> --help` for the options of a command.',
  ].join('\n');
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name === undefined ? EXIT.error : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(VERSION);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    const suggestion = didYouMean(name, Object.keys(COMMANDS));
    io.stderr(`callflow: unknown command "${name}"${suggestion ? `; did you mean "${suggestion}"?` : ''}\n\n${help()}`);
    return EXIT.error;
  }
  const module = await command.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(module.usage);
    return EXIT.ok;
  }
  try {
    return await module.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`callflow ${name}: ${error.message}\n\n${module.usage}`);
      return EXIT.error;
    }
    if (error instanceof ProviderError || error instanceof CommandError) {
      // The account said no (credentials, unreachable) or a file could not be used: a message, not a stack.
      io.stderr(`callflow ${name}: ${oneLine(error.message)}`);
      return EXIT.error;
    }
    if (isFileSystemError(error)) {
      // A file or directory the command needed could not be used (a file where a directory goes, no permission).
      io.stderr(`callflow ${name}: cannot ${verbOf(error.syscall)} ${error.path}: ${reason(error)}`);
      return EXIT.error;
    }
    // A bug of ours: still one line for the user; the stack is for --log-level debug.
    io.stderr(`callflow ${name}: unexpected failure: ${oneLine(error instanceof Error ? error.message : String(error))}`);
    return EXIT.error;
  }
}

function isFileSystemError(error: unknown): error is NodeJS.ErrnoException & { path: string; syscall: string } {
  const { code, path, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  return typeof code === 'string' && typeof path === 'string' && typeof syscall === 'string';
}

function verbOf(syscall: string): string {
  const verbs: Record<string, string> = { mkdir: 'create the directory', open: 'open', read: 'read', write: 'write', scandir: 'list', rename: 'rename', unlink: 'remove', copyfile: 'copy' };
  return verbs[syscall] ?? 'use';
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
