// The baseline validate is compared with: read every config file and parse it with the same
// YAML library (`parse`: document, then plain values), nothing else. Plain JS, run by node alone.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = process.argv[2];
const files = ['config/callflow.yaml'];
for (const dir of ['numbers', 'schedules', 'messages']) {
  for (const name of readdirSync(join(root, 'config', dir)).sort()) if (name.endsWith('.yaml')) files.push(`config/${dir}/${name}`);
}
for (const file of files) parse(readFileSync(join(root, file), 'utf8'));
