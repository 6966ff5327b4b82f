import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { jsonSchemas } from '../config/json-schema.js';
import { parseCommandArgs } from './args.js';
import { EXIT, type CliIo } from './io.js';

export const usage = `Usage: callflow schema [--out DIR]

Writes JSON Schemas for config/numbers, config/schedules, config/messages and
config/callflow.yaml (default DIR: schema/). Point editors at them with a first line like
# yaml-language-server: $schema=../../schema/number.schema.json`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommandArgs(argv, { out: { type: 'string' } });
  const root = resolve(io.cwd, values.root ?? '.');
  const out = resolve(root, values.out ?? 'schema');
  await mkdir(out, { recursive: true });
  for (const [name, schema] of Object.entries(jsonSchemas())) {
    const file = join(out, `${name}.schema.json`);
    await writeFile(file, `${JSON.stringify(schema, null, 2)}\n`);
    io.stdout(`wrote ${file}`);
  }
  return EXIT.ok;
}
