import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', 'src');

/** Folders of src/ that must never import another (README, "the house"). */
const NEVER: Array<[from: string, to: string]> = [
  ['model', 'providers'], ['model', 'cli'], ['model', 'plan'], ['model', 'github'],
  ['rules', 'providers'], ['plan', 'providers'], ['simulate', 'providers'],
  ['plan', 'cli'], ['plan', 'github'], ['sandbox', 'cli'], ['sandbox', 'plan'], ['sandbox', 'apply'],
  ['providers', 'cli'], ['github', 'providers'], ['github', 'sandbox'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

const folderOf = (path: string) => relative(SRC, path).split('/')[0]!.replace(/\.ts$/, '');

function arrows(): Array<{ from: string; to: string; where: string }> {
  return sourceFiles(SRC).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, index) => {
        const spec = /\bfrom\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/.exec(line);
        const target = spec?.[1] ?? spec?.[2];
        if (!target) return [];
        return [{ from: folderOf(file), to: folderOf(resolve(dirname(file), target)), where: `${relative(SRC, file)}:${index + 1}` }];
      }),
  );
}

describe('the house', () => {
  it('has none of the forbidden arrows between folders', () => {
    const found = arrows();
    expect(found.length).toBeGreaterThan(100);
    const broken = found.filter((a) => NEVER.some(([from, to]) => a.from === from && a.to === to)).map((a) => `${a.where} ${a.from} -> ${a.to}`);
    expect(broken).toEqual([]);
  });
});
