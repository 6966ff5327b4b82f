import type { CliIo } from './io.js';

export interface Command {
  summary: string;
  /** Loaded only when the command runs, so `callflow --help` stays fast. */
  load: () => Promise<{ run: (argv: string[], io: CliIo) => Promise<number>; usage: string }>;
}

export const COMMANDS: Record<string, Command> = {
  validate: { summary: 'parse, check schema, rules and audio; exit 1 on errors', load: () => import('./validate.js') },
  plan: { summary: 'validate, read the live numbers and show what apply would change', load: () => import('./plan.js') },
  apply: { summary: 'apply the plan (dry run unless --doit; --plan FILE, --force)', load: () => import('./apply.js') },
  drift: { summary: 'compare the config with the live numbers; exit 2 on drift (--adopt writes live into config)', load: () => import('./drift.js') },
  export: { summary: 'write the live numbers as YAML + mp3 in this layout (--out DIR, --numbers)', load: () => import('./export.js') },
  schema: { summary: 'write JSON Schemas for the YAML files (for editors)', load: () => import('./schema.js') },
  simulate: { summary: 'walk a call through a flow and print what the caller hears', load: () => import('./simulate.js') },
  test: { summary: 'run the flow tests of the number files; exit 1 if one fails', load: () => import('./test.js') },
  audio: { summary: 'inspect audio files with ffprobe (check) or convert to a clean mp3 (fix)', load: () => import('./audio.js') },
  serve: { summary: 'long-running drift operator: cron checks from drift.schedule, /healthz, /metrics', load: () => import('./serve.js') },
  sandbox: { summary: 'run the embedded telephony API server (--port, --data, --seed-config)', load: () => import('./sandbox.js') },
};
