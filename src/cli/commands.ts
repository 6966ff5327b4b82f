import type { CliIo } from './io.js';

export interface Command {
  summary: string;
  /** Loaded only when the command runs, so `callflow --help` stays fast. */
  load: () => Promise<{ run: (argv: string[], io: CliIo) => Promise<number>; usage: string }>;
}

export const COMMANDS: Record<string, Command> = {
  validate: { summary: 'parse, check schema, rules and audio; exit 1 on errors', load: () => import('./validate.js') },
  schema: { summary: 'write JSON Schemas for the YAML files (for editors)', load: () => import('./schema.js') },
};
